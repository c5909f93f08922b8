/**
 * The process-wide registry of secret values. Config registers every secret field's value
 * when it loads; auth strategies register tokens they obtain at run time. The logger and
 * error formatting scrub every registered value, so redaction happens in one place.
 */

const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();
/** The registered values, longest first, so a form that contains another is replaced whole. */
let longestFirst: string[] = [];

/**
 * Marks a value as secret: from now on it is replaced by `[REDACTED]` wherever it is printed,
 * as are the forms a server may echo it in (URL-encoded, form-encoded, JSON-escaped, base64).
 * Values shorter than four characters are ignored.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  for (const form of [value, ...encodedForms(value)]) {
    if (form.length >= MIN_SECRET_LENGTH) registered.add(form);
  }
  longestFirst = [...registered].sort((a, b) => b.length - a.length);
}

/** Replaces every registered secret in `text` with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of longestFirst) {
    if (result.includes(secret)) result = result.split(secret).join('[REDACTED]');
  }
  return result;
}

/** Forgets every registered secret (tests only). */
export function clearSecretsForTesting(): void {
  registered.clear();
  longestFirst = [];
}

function encodedForms(value: string): string[] {
  return [
    uriComponent(value),
    new URLSearchParams({ v: value }).toString().slice('v='.length),
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value, 'utf8').toString('base64'),
  ];
}

/** encodeURIComponent, or the value itself when it holds a lone surrogate (which makes it throw). */
function uriComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}
