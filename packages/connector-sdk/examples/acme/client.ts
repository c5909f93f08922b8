import { bearerAuth, type ConnectorRuntime } from '@c1/connector-sdk';
import * as v from 'valibot';
import type { AcmeConfigKey } from './config.js';

const userSchema = v.object({ id: v.string(), name: v.string(), email: v.string(), active: v.boolean() });
const groupSchema = v.object({ id: v.string(), name: v.string() });

// The whole API surface the connector uses, with valibot schemas of each response. The runtime
// makes the HTTP client: user agent, --http-timeout-seconds, retries, proxy and cancellation.
export function createAcmeClient(runtime: ConnectorRuntime<AcmeConfigKey>, apiKey: string, baseUrl: string) {
  const http = runtime.httpClient({
    service: 'acme',
    baseUrl,
    auth: bearerAuth(apiKey),
    credential: { name: 'API key', key: 'acme-api-key' }, // 401/403 name --acme-api-key / BATON_ACME_API_KEY
    rateLimit: { requests: 10, intervalMs: 1_000 },
  });
  const page = (offset: number, limit: number) => ({ offset, limit });
  return {
    listUsers: async (offset: number, limit: number) =>
      (await http.get('users', { schema: v.array(userSchema), searchParams: page(offset, limit) })).data,
    listGroups: async (offset: number, limit: number) =>
      (await http.get('groups', { schema: v.array(groupSchema), searchParams: page(offset, limit) })).data,
    listGroupMembers: async (groupId: string, offset: number, limit: number) =>
      (await http.get(`groups/${groupId}/members`, { schema: v.array(userSchema), searchParams: page(offset, limit) })).data,
  };
}

export type AcmeClient = ReturnType<typeof createAcmeClient>;
