import type { ConfigSchema, ConfigValues } from '../config/fields.js';
import type { AuthStrategy } from '../http/auth.js';
import type { HintFailure, HttpHint } from '../http/hints.js';
import type { ClientRateLimit, HttpClient } from '../http/types.js';
import type { Logger } from '../log/logger.js';
import type { Annotation, UserEmail } from '../model/annotations.js';
import type { EntitlementInit } from '../model/builders.js';
import type { JsonObject } from '../model/json.js';
import type { Entitlement, Grant, Resource, ResourceId, ResourceType } from '../model/types.js';

/** What every connector call receives: cancellation, a logger, and the current sync. */
export interface OperationContext {
  signal: AbortSignal;
  logger: Logger;
  /** The KSUID of the sync being run, when there is one. */
  syncId?: string;
}

/** A request for one page. `pageToken` is `''` for the first page. */
export interface PageRequest {
  pageToken: string;
  ctx: OperationContext;
}

/** One page of results. An absent or empty `nextPageToken` means there are no more pages. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
  annotations?: Annotation[];
}

/** An entitlement that every resource of a type has; the engine stamps it onto each resource. */
export type StaticEntitlement = Omit<EntitlementInit, 'resource'>;

/** The outcome of a grant request. */
export type GrantOutcome =
  | { outcome: 'granted'; grants?: Grant[] }
  /** The principal already held the entitlement; reported as `GrantAlreadyExists`. */
  | { outcome: 'already-exists' };

/** The outcome of a revoke request. */
export type RevokeOutcome =
  | { outcome: 'revoked' }
  /** The grant was already gone; reported as `GrantAlreadyRevoked`. */
  | { outcome: 'already-revoked' };

/** Changes access on resources of one type. */
export interface Provisioner {
  grant(principal: Resource, entitlement: Entitlement, ctx: OperationContext): Promise<GrantOutcome>;
  revoke(grant: Grant, ctx: OperationContext): Promise<RevokeOutcome>;
}

/** Syncs (and optionally changes) the resources of one type. */
export interface ResourceSyncer<T extends ResourceType = ResourceType> {
  resourceType: T;
  /** Lists one page of resources; `parentId` is set when listing children of a parent. */
  list(request: PageRequest & { parentId?: ResourceId }): Promise<Page<Resource>>;
  /** Lists one page of a resource's entitlements. */
  entitlements?(resource: Resource, request: PageRequest): Promise<Page<Entitlement>>;
  /** Lists one page of entitlements that every resource of this type has. */
  staticEntitlements?(request: PageRequest): Promise<Page<StaticEntitlement>>;
  /** Lists one page of grants on a resource's entitlements. */
  grants?(resource: Resource, request: PageRequest): Promise<Page<Grant>>;
  /** Grants and revokes this type's entitlements. */
  provisioner?: Provisioner;
  /** Deletes a resource of this type. */
  deleteResource?(id: ResourceId, parentId: ResourceId | undefined, ctx: OperationContext): Promise<void>;
}

/** How a new account's credentials are set (Baton's `LocalCredentialOptions`). */
export type CredentialOptions =
  | { kind: 'no-password' }
  | {
      kind: 'random-password';
      /** 8..64 characters. */
      length: number;
      /** Each set of characters must appear at least `minCount` times. */
      constraints: { charSet: string; minCount: number }[];
    }
  | { kind: 'sso'; ssoProvider: string };

/** A kind of credential option an account manager supports. */
export type CredentialOptionKind = CredentialOptions['kind'];

/** What the caller knows about the account to create (Baton's `AccountInfo`). */
export interface AccountInfo {
  login?: string;
  loginAliases?: string[];
  emails: UserEmail[];
  profile: JsonObject;
}

/** Secret data handed back to the caller only, e.g. a generated password. */
export interface PlaintextData {
  name: string;
  description?: string;
  bytes: Uint8Array;
}

/** The outcome of an account creation. */
export type CreateAccountOutcome = (
  | { outcome: 'created'; resource: Resource }
  | { outcome: 'already-exists'; resource: Resource }
  | { outcome: 'action-required'; message: string; resource?: Resource }
  | { outcome: 'in-progress'; resource?: Resource }
) & { secrets?: PlaintextData[] };

/** Creates accounts (Baton's `AccountManager`). */
export interface AccountManager {
  /** The resource type accounts are created as; defaults to `user`. */
  resourceTypeId?: string;
  capabilityDetails: { supportedCredentialOptions: CredentialOptionKind[]; preferredCredentialOption: CredentialOptionKind };
  createAccount(info: AccountInfo, credentials: CredentialOptions, ctx: OperationContext): Promise<CreateAccountOutcome>;
}

/** One thing `validate` checked, for the `validate` command to print. */
export interface ValidationCheck {
  name: string;
  detail?: string;
}

/** Static facts about a connector (Baton's `ConnectorMetadata`). */
export interface ConnectorMetadata {
  displayName: string;
  description?: string;
  helpUrl?: string;
}

/** A running connector: what a connector package's `create` returns. */
export interface Connector {
  metadata: ConnectorMetadata;
  /**
   * Proves the configuration and credentials work. Throws a ConnectorError naming what failed;
   * returns what it checked.
   */
  validate(ctx: OperationContext): Promise<ValidationCheck[]>;
  resourceSyncers: ResourceSyncer[];
  accountManager?: AccountManager;
  /** Releases connections; called once at the end. */
  close?(): Promise<void>;
}

/** The config keys (flag names) of a config schema: `ilert-api-token`. */
export type ConfigKey<S extends ConfigSchema> = keyof S['fields'] & string;

/**
 * An operator hint a connector declares on its HTTP client (see {@link HttpHint}); its message
 * may name settings by their typed config key: `(f) => \`check ${f.setting('ic-client-id')} too\``.
 */
export interface ConnectorHint<K extends string = string> extends Omit<HttpHint, 'message'> {
  message: string | ((failure: HintFailure & { setting(key: K): string }) => string);
}

/** What a connector asks {@link ConnectorRuntime.httpClient} for; the runtime adds the rest. */
export interface ConnectorHttpOptions<K extends string = string> {
  /** The service's short name (`ilert`), used in messages. */
  service: string;
  /** Every path is relative to it; must be https unless the host is loopback. */
  baseUrl: string;
  auth?: AuthStrategy;
  /** The credential, named for 401/403 messages by what operators call it and its config key. */
  credential?: { name: string; key: K };
  /** A client-side limit below the API's; one limiter per client. */
  rateLimit?: ClientRateLimit;
  /** Sent with every request (`accept`, `x-as-user-email`). */
  headers?: Record<string, string>;
  /** What an operator should check, by status; applied to the error a request fails with. */
  hints?: readonly ConnectorHint<K>[];
  /** Parses a successful JSON body before validation (e.g. `parseJsonWithExactIds`). */
  parseJson?: (text: string) => unknown;
  /** Extracts the API's own message from an error body (`scimErrorMessage`, `jsonApiErrorMessage`). */
  errorMessage?: (body: unknown) => string | undefined;
  /** The most bytes one response body may hold, after decompression; default 64 MiB. */
  maxResponseBytes?: number;
}

/**
 * What the SDK hands a connector's `create` besides its config. `K` is the connector's config
 * keys, so credentials and hints name settings the connector declares.
 */
export interface ConnectorRuntime<K extends string = string> {
  logger: Logger;
  /** Defaults for every HTTP client the connector makes. */
  http: {
    /** `baton-<name>/<version>`. */
    userAgent: string;
    /** From `--http-timeout-seconds`. */
    timeoutMs: number;
  };
  /** `--provisioning` was given. */
  provisioning: boolean;
  /**
   * An HTTP client for one API with the runtime's user agent, timeout, logger, retries, proxy
   * and timing; each request is cancelled with the operation (sync, grant ...) it serves.
   */
  httpClient(options: ConnectorHttpOptions<K>): HttpClient;
  /** How operators set a config key: `--ilert-api-token / BATON_ILERT_API_TOKEN`. */
  setting(key: K): string;
}

/** A resource type a connector syncs, with what its syncer can change. */
export interface DeclaredResourceType {
  resourceType: ResourceType;
  /** Its syncer has a provisioner (grants and revokes). */
  provisions?: boolean;
  /** Its syncer deletes resources. */
  deletes?: boolean;
}

/**
 * What a connector is and can do, known without building it (so without credentials): the
 * `capabilities` command prints it. The SDK checks that every connector `create` builds matches
 * it, so it cannot drift from the code.
 */
export interface ConnectorDeclaration {
  /** The same metadata `create`'s connector carries. */
  metadata: ConnectorMetadata;
  /** The resource types of its syncers, in the same order. */
  resourceTypes: readonly DeclaredResourceType[];
  /** Present when `create`'s connector has an account manager: its resource type and details. */
  accountCreation?: {
    /** Defaults to `user`, as {@link AccountManager.resourceTypeId}. */
    resourceTypeId?: string;
    supportedCredentialOptions: readonly CredentialOptionKind[];
    preferredCredentialOption: CredentialOptionKind;
  };
}

/** A connector package: its name, config, declaration and factory. The CLI is built from this. */
export interface ConnectorDefinition<S extends ConfigSchema = ConfigSchema> {
  /** Short name; the binary is `baton-<name>`. */
  name: string;
  version: string;
  config: S;
  /** What the connector is and can do, without building it. */
  declaration: ConnectorDeclaration;
  create(config: ConfigValues<S>, runtime: ConnectorRuntime<ConfigKey<S>>): Connector | Promise<Connector>;
}

/** Declares a connector package in one typed call. */
export function defineConnector<const S extends ConfigSchema>(definition: ConnectorDefinition<S>): ConnectorDefinition<S> {
  return definition;
}
