import * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.js';
import { redactSecrets } from '../log/secrets.js';

const MAX_ISSUES_SHOWN = 3;

/** `[3].id`, `Resources[0].userName`: where a valibot issue sits in the data. */
export function formatIssuePath(path: readonly v.IssuePathItem[] | undefined): string {
  let text = '';
  for (const item of path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * Validates a response body. A mismatch throws ConnectorError `internal` naming the service,
 * the endpoint (`GET /users`) and the path of each bad field, so a changed API is easy to spot.
 */
export function parseResponse<S extends v.GenericSchema>(service: string, endpoint: string, schema: S, body: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const shown = result.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  const more = result.issues.length > MAX_ISSUES_SHOWN ? ` (and ${result.issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return throwMismatch(service, endpoint, `${shown.join('; ')}${more}`);
}

function throwMismatch(service: string, endpoint: string, detail: string): never {
  throw new ConnectorError(redactSecrets(`${service} ${endpoint} returned an unexpected response: ${detail}`), {
    code: 'internal',
    endpoint,
  });
}
