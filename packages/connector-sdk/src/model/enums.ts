/**
 * Enumerations of the c1.connector.v2 model. Each is a map from the name used in this SDK to the
 * protobuf number Baton uses, so names read naturally in code and numbers stay exact on the wire.
 */

/** Resource type traits (`c1.connector.v2.ResourceType.Trait`). */
export const TRAIT_NUMBERS = { USER: 1, GROUP: 2, ROLE: 3, APP: 4, SECRET: 5 } as const;
/** The name of a resource type trait. */
export type TraitName = keyof typeof TRAIT_NUMBERS;

/** User status (`c1.connector.v2.UserTrait.Status.Status`). */
export const USER_STATUS_NUMBERS = { UNSPECIFIED: 0, ENABLED: 1, DISABLED: 2, DELETED: 3 } as const;
/** The name of a user status. */
export type UserStatusName = keyof typeof USER_STATUS_NUMBERS;

/** Resource status (`c1.connector.v2.ResourceStatus`... `RESOURCE_STATUS_*`). */
export const RESOURCE_STATUS_NUMBERS = { UNSPECIFIED: 0, ENABLED: 1, DISABLED: 2, DELETED: 3 } as const;
/** The name of a resource status. */
export type ResourceStatusName = keyof typeof RESOURCE_STATUS_NUMBERS;

/** Where Baton's syncer found a resource (`Resource.CreationSource`, deprecated upstream, `CREATION_SOURCE_*`). */
export const CREATION_SOURCE_NUMBERS = { UNSPECIFIED: 0, CONNECTOR_LIST_RESOURCES: 1, CONNECTOR_LIST_GRANTS_PRINCIPAL_JIT: 2 } as const;
/** The name of a creation source. */
export type CreationSourceName = keyof typeof CREATION_SOURCE_NUMBERS;

/** Account type (`c1.connector.v2.UserTrait.AccountType`). */
export const ACCOUNT_TYPE_NUMBERS = { UNSPECIFIED: 0, HUMAN: 1, SERVICE: 2, SYSTEM: 3 } as const;
/** The name of an account type. */
export type AccountTypeName = keyof typeof ACCOUNT_TYPE_NUMBERS;

/** Entitlement purpose (`c1.connector.v2.Entitlement.PurposeValue`). */
export const PURPOSE_NUMBERS = { UNSPECIFIED: 0, ASSIGNMENT: 1, PERMISSION: 2, OWNERSHIP: 3 } as const;
/** The name of an entitlement purpose. */
export type PurposeName = keyof typeof PURPOSE_NUMBERS;

/** App flags (`c1.connector.v2.AppTrait.AppFlag`). */
export const APP_FLAG_NUMBERS = { UNSPECIFIED: 0, HIDDEN: 1, INACTIVE: 2, SAML: 3, OIDC: 4, BOOKMARK: 5 } as const;
/** The name of an app flag. */
export type AppFlagName = keyof typeof APP_FLAG_NUMBERS;

/** Secret credential types (`c1.connector.v2.SecretTrait` credential type). */
export const CREDENTIAL_TYPE_NUMBERS = { UNSPECIFIED: 0, STATIC_SECRET: 1, ASYMMETRIC_KEY: 2, CERTIFICATE: 3 } as const;
/** The name of a secret credential type. */
export type CredentialTypeName = keyof typeof CREDENTIAL_TYPE_NUMBERS;
