/**
 * The process-wide registry of secret values. Config registers every secret field's value
 * when it loads; auth strategies register tokens they obtain at run time. The logger and
 * error formatting scrub every registered value, so redaction happens in one place.
 */

const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();

/** Marks a value as secret: from now on it is replaced by `[REDACTED]` wherever it is printed. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) registered.add(value);
}

/** Replaces every registered secret in `text` with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of registered) {
    if (result.includes(secret)) result = result.split(secret).join('[REDACTED]');
  }
  return result;
}

/** Forgets every registered secret (tests only). */
export function clearSecretsForTesting(): void {
  registered.clear();
}
