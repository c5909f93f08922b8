import { parseJson, stringifyJson } from './json.js';
import type { ParsedJson } from './json.js';

/**
 * Breaks a JSON body the way a changed or buggy API would: the first object (depth first) that
 * has an `id` member gets `"id": null`. Returns the new body, or undefined when the text is not
 * JSON or holds no object with an `id`.
 */
export function nullFirstId(body: string): string | undefined {
  let parsed: ParsedJson;
  try {
    parsed = parseJson(body);
  } catch {
    return undefined;
  }
  const target = firstObjectWithId(parsed);
  if (target === undefined) return undefined;
  target['id'] = null;
  return stringifyJson(parsed);
}

function firstObjectWithId(value: ParsedJson): { [key: string]: ParsedJson } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstObjectWithId(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (Object.hasOwn(value, 'id')) return value;
  for (const member of Object.values(value)) {
    const found = firstObjectWithId(member);
    if (found !== undefined) return found;
  }
  return undefined;
}
