import { redactSecrets } from './secrets.js';

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

const MAX_DEPTH = 10;
const SENSITIVE_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'cookies',
  'setcookie',
  'xapikey',
  'apikey',
  'privatekey',
  'passphrase',
  'credential',
  'credentials',
]);
const SENSITIVE_SUFFIXES = ['token', 'secret', 'password', 'passwd', 'apikey'];
/** Page tokens end in "token" but are paging state, not credentials; they stay readable. */
const PAGING_SUFFIXES = ['pagetoken'];
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]{8,}=*/g;

/**
 * Whether a field or header name holds a credential: `authorization`, `proxy-authorization`,
 * `cookie`, `set-cookie`, `x-api-key`, or anything ending in token, secret, password or api key
 * (`client_secret`, `accessToken`, `api_key`), in any case and with any separators.
 */
export function isSensitiveKey(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SENSITIVE_NAMES.has(normalized)) return true;
  if (PAGING_SUFFIXES.some((suffix) => normalized.endsWith(suffix))) return false;
  return SENSITIVE_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

/** Scrubs registered secrets and `Bearer <token>` credentials out of a text. */
export function redactText(text: string): string {
  return redactSecrets(text).replace(BEARER, `$1 ${REDACTED}`);
}

/**
 * A copy of `value` that is safe to print: strings are scrubbed with {@link redactText}, values
 * under sensitive names ({@link isSensitiveKey}) become `[REDACTED]` at any depth, `Headers` and
 * `Map`s become plain objects, Errors become `{name, message, code}` (plus `status`, `endpoint`
 * and `cause` when present), and cycles become `[Circular]`.
 */
export function redactValue(value: unknown): unknown {
  return redact(value, 0, new WeakSet());
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return redactText(value.href);
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, seen);
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
    if (value instanceof Set) return [...value].map((item) => redact(item, depth + 1, seen));
    if (value instanceof Headers) return redactEntries(value.entries(), depth, seen);
    if (value instanceof Map) return redactEntries(value.entries(), depth, seen);
    return redactEntries(Object.entries(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

function redactEntries(entries: Iterable<[unknown, unknown]>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, item] of entries) {
    const key = redactText(String(rawKey));
    if (item === undefined) continue;
    result[key] = isSensitiveKey(key) && item !== null ? REDACTED : redact(item, depth + 1, seen);
  }
  return result;
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const details = error as Error & { code?: unknown; status?: unknown; endpoint?: unknown };
  const result: Record<string, unknown> = { name: error.name, message: redactText(error.message) };
  if (typeof details.code === 'string' || typeof details.code === 'number') result.code = details.code;
  if (typeof details.status === 'number') result.status = details.status;
  if (typeof details.endpoint === 'string') result.endpoint = redactText(details.endpoint);
  if (error.cause !== undefined) result.cause = redact(error.cause, depth + 1, seen);
  return result;
}
