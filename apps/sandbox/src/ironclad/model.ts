/** How an Ironclad user signs in (`urn:ietf:params:scim:schemas:extension:ironclad:2.0:User.provider`). */
export type IroncladProvider = 'local' | 'magicLink' | 'saml' | 'google';

/** Every sign-in provider, in the spec's enum. */
export const IRONCLAD_PROVIDERS: readonly IroncladProvider[] = ['local', 'magicLink', 'saml', 'google'];

/** An Ironclad user as the SCIM API serves it (`UserResponseObject`). */
export interface IroncladUser {
  /** 24 hex digits, like Ironclad's ids. */
  readonly id: string;
  /** The user's email; unique in the company, compared case-insensitively. */
  readonly userName: string;
  givenName: string;
  familyName: string;
  title?: string;
  department?: string;
  readonly provider: IroncladProvider;
  /** Company admins may act for the API (`x-as-user-email`). Not part of the SCIM user. */
  readonly admin: boolean;
  readonly created: string;
  lastModified: string;
}

/** An Ironclad group (`GroupResponseObject`); members are user ids, served inline. */
export interface IroncladGroup {
  /** A UUID, like Ironclad's group ids. */
  readonly id: string;
  readonly displayName: string;
  readonly externalId?: string;
  readonly memberIds: string[];
  readonly created: string;
  lastModified: string;
}

/**
 * A generated Ironclad company. The sandbox serves this very object: users created and group
 * members added or removed through the API show up here.
 */
export interface IroncladOrg {
  /** In the order they were added (the SCIM `startIndex` order). */
  readonly users: IroncladUser[];
  readonly groups: IroncladGroup[];
  /** A SAML company: `POST /Users` takes no password. */
  readonly saml: boolean;
}
