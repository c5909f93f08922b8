/**
 * ilert ids are 64-bit integers, and `JSON.parse` rounds integers above 2^53. Every `"id"` key
 * with an integer value is quoted in the raw text before parsing, so ids arrive as exact
 * strings. In valid JSON the pattern `"id":` can only be an object key: a quote inside a
 * string value is always escaped, so string contents never match.
 */
const INTEGER_ID = /("id"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g;

/** Parses an ilert response body, keeping every integer `id` as an exact decimal string. */
export function parseJsonWithExactIds(text: string): unknown {
  return JSON.parse(text.replace(INTEGER_ID, '$1"$2"'));
}
