import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertionProblem, type IssuedClient } from './client-key.js';
import type { FakeC1State } from './state.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

function send(response: ServerResponse, code: number, body: Record<string, unknown>): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** `POST /auth/v1/token`: checks the client's signed assertion with the public half of its key and issues a token. */
export function tokenEndpoint(state: FakeC1State, client: IssuedClient, audience: string, lifetimeSeconds: number) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST' || request.url !== '/auth/v1/token') return send(response, 404, { error: 'not_found' });
    const form = new URLSearchParams(await readBody(request));
    const problem =
      form.get('grant_type') !== 'client_credentials'
        ? 'grant_type is not client_credentials'
        : form.get('client_assertion_type') !== ASSERTION_TYPE
          ? 'wrong client_assertion_type'
          : form.get('client_id') !== client.clientId
            ? 'unknown client_id'
            : assertionProblem(form.get('client_assertion') ?? '', client, audience, Math.floor(Date.now() / 1000));
    if (problem) {
      state.refusedTokens.push(problem);
      return send(response, 401, { error: 'invalid_client' });
    }
    const token = randomBytes(24).toString('base64url');
    state.issuedTokens.add(token);
    send(response, 200, { access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds });
  };
}
