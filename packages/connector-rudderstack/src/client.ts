import {
  bearerAuth,
  createHttpClient,
  createScimClient,
  flagHint,
  isConnectorError,
  scimErrorMessage,
  scimGroupSchema,
  scimUserSchema,
  type Page,
  type ScimGroup,
  type ScimUser,
} from '@c1/connector-sdk';

/** The `count` asked for: servers may cap it (RFC 7644 §3.4.2.4); paging advances by what came. */
export const RUDDERSTACK_PAGE_SIZE = 1000;

/** What {@link createRudderstackClient} takes. */
export interface RudderstackClientOptions {
  baseUrl: string;
  token: string;
  userAgent: string;
  timeoutMs?: number;
}

/** The SCIM reads the connector makes. */
export interface RudderstackClient {
  listUsers(pageToken: string, signal: AbortSignal): Promise<Page<ScimUser>>;
  listGroups(pageToken: string, signal: AbortSignal): Promise<Page<ScimGroup>>;
  getGroup(id: string, signal: AbortSignal): Promise<ScimGroup>;
  /** `totalResults` of a one-item listing (undefined when the server leaves it out): proves read access. */
  count(endpoint: 'Users' | 'Groups', signal: AbortSignal): Promise<number | undefined>;
}

const TOKEN_HINT = 'needs an organization-level Service Access Token';
const PLAN_HINT = 'SCIM needs the Enterprise plan with SSO';

/** Adds what the operator should check to the refusals RudderStack's setup page warns about. */
function explain(error: unknown): unknown {
  if (!isConnectorError(error)) return error;
  const token = flagHint('rudderstack-scim-token');
  const detail = error.apiMessage ?? '';
  let hint: string | undefined;
  if (error.status === 403 && /not enabled|plan|enterprise/i.test(detail)) hint = `${PLAN_HINT}; ask RudderStack to enable it`;
  else if (error.status === 401 || error.status === 403) hint = `${TOKEN_HINT} (not a workspace token or personal access token) in ${token}`;
  else if (error.status === 404 && /\/Users/.test(error.endpoint ?? '')) hint = `check ${flagHint('rudderstack-scim-base-url')}`;
  return hint === undefined ? error : error.withMessage(`${error.message} - ${hint}`);
}

/** Creates the RudderStack SCIM client: Bearer token, SCIM error details, operator hints. */
export function createRudderstackClient(options: RudderstackClientOptions): RudderstackClient {
  const http = createHttpClient({
    service: 'RudderStack',
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    auth: bearerAuth(options.token),
    credential: { name: 'SCIM token', flag: 'rudderstack-scim-token' },
    userAgent: options.userAgent,
    errorMessage: scimErrorMessage,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  const scim = createScimClient({ http });
  const explained = <T>(request: Promise<T>): Promise<T> =>
    request.catch((error: unknown) => {
      throw explain(error);
    });
  return {
    listUsers: (pageToken, signal) => explained(scim.listPage('Users', pageToken, { schema: scimUserSchema, count: RUDDERSTACK_PAGE_SIZE, signal })),
    listGroups: (pageToken, signal) => explained(scim.listPage('Groups', pageToken, { schema: scimGroupSchema, count: RUDDERSTACK_PAGE_SIZE, signal })),
    getGroup: (id, signal) => explained(scim.get('Groups', id, { schema: scimGroupSchema, signal })),
    count: async (endpoint, signal) => (await explained(scim.list(endpoint, { schema: scimGroupSchema, startIndex: 1, count: 1, signal }))).totalResults,
  };
}
