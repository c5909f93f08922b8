import type { ConfigField } from './fields.js';

const ENV_PREFIX = 'BATON_';

/** The env var Baton reads for a flag: `ilert-api-token` -> `BATON_ILERT_API_TOKEN`. */
export function envName(flag: string): string {
  return ENV_PREFIX + flag.replace(/-/g, '_').toUpperCase();
}

/**
 * How to name a setting to an operator, as flag and env var:
 * `ilert-api-token` -> `--ilert-api-token / BATON_ILERT_API_TOKEN`.
 */
export function flagHint(flag: string): string {
  return `--${flag} / ${envName(flag)}`;
}

/** The env var a declared field is read from, or undefined for flag-only fields without one. */
export function fieldEnvName(name: string, field: ConfigField): string | undefined {
  if (field.env !== undefined) return field.env;
  return field.flagOnly ? undefined : envName(name);
}

/** {@link flagHint} for a declared field, honouring its env override. */
export function fieldHint(name: string, field: ConfigField | undefined): string {
  const env = field ? fieldEnvName(name, field) : envName(name);
  return env === undefined ? `--${name}` : `--${name} / ${env}`;
}

/** The flag name a config-file key stands for: `foo_bar` and `foo-bar` both mean `foo-bar`. */
export function fileKeyToFlag(key: string): string {
  return key.replace(/_/g, '-');
}

/** Whether a name is a valid flag name: lower-case words joined by single hyphens. */
export function isValidFlagName(name: string): boolean {
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name);
}

/** The closest candidate to `name` within a small edit distance, for "did you mean" hints. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
