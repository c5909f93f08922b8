/**
 * Parses JSON keeping the integer values of the named keys (default `id`) as exact decimal
 * strings. `JSON.parse` rounds integers above 2^53, which corrupts 64-bit ids; here each
 * `"<key>": <integer>` in the raw text is quoted before parsing. In valid JSON `"<key>":` can
 * only be an object key (a quote inside a string value is escaped), so string contents never
 * match.
 */
export function parseJsonWithExactIds(text: string, keys: readonly string[] = ['id']): unknown {
  return JSON.parse(text.replace(exactIdPattern(keys), '$1"$2"'));
}

const patterns = new Map<string, RegExp>();

function exactIdPattern(keys: readonly string[]): RegExp {
  const cacheKey = keys.join('\u0000');
  let pattern = patterns.get(cacheKey);
  if (!pattern) {
    const names = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    pattern = new RegExp(`("(?:${names})"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g');
    patterns.set(cacheKey, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/**
 * A parser for `parseJson` (HTTP client option) keeping the named keys' integers exact:
 * `parseJson: exactIdsParser(['id', 'userId'])`.
 */
export function exactIdsParser(keys: readonly string[] = ['id']): (text: string) => unknown {
  return (text) => parseJsonWithExactIds(text, keys);
}
