/**
 * JSON with exact 64-bit integers. Vendor ids such as ilert's int64 can exceed 2^53, which a JS
 * number cannot hold, so the sandbox writes and reads such integers as `bigint`.
 */

/** A JSON value whose integers may be `bigint` (written as bare digits). */
export type JsonValue =
  null | boolean | number | bigint | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/** Serialises a value to compact JSON; `bigint` becomes unquoted digits, `undefined` members are left out. */
export function stringifyJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as JSON`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${(value as readonly JsonValue[]).map(stringifyJson).join(',')}]`;
  }
  const parts: string[] = [];
  for (const [key, member] of Object.entries(value as { readonly [key: string]: JsonValue | undefined })) {
    if (member !== undefined) parts.push(`${JSON.stringify(key)}:${stringifyJson(member)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A mutable JSON value as produced by {@link parseJson}. */
export type ParsedJson = null | boolean | number | bigint | string | ParsedJson[] | { [key: string]: ParsedJson };

/** Thrown by {@link parseJson} on malformed input. */
export class JsonSyntaxError extends SyntaxError {
  override readonly name = 'JsonSyntaxError';
}

/**
 * Parses JSON text. Integer literals outside the safe integer range become `bigint`, so no digit
 * of an int64 id is lost; every other number is a JS number.
 */
export function parseJson(text: string): ParsedJson {
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${at}`);
  };
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const parseString = (): string => {
    // JSON forbids raw control characters in strings, hence the range in the class.
    // eslint-disable-next-line no-control-regex
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(at));
    if (!match) return fail('invalid string');
    at += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const parseNumber = (): number | bigint => {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) return fail('invalid number');
    at += match[0].length;
    const literal = match[0];
    if (match[1] === undefined && match[2] === undefined) {
      const big = BigInt(literal);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) return big;
    }
    return Number(literal);
  };
  const parseValue = (): ParsedJson => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at++;
      const object: { [key: string]: ParsedJson } = {};
      skipSpace();
      if (text[at] === '}') {
        at++;
        return object;
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail('expected a member name');
        const key = parseString();
        skipSpace();
        if (text[at] !== ':') fail("expected ':'");
        at++;
        const member = parseValue();
        // A plain assignment of "__proto__" would replace the prototype instead of adding a member.
        Object.defineProperty(object, key, { value: member, enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return object;
        }
        fail("expected ',' or '}'");
      }
    }
    if (char === '[') {
      at++;
      const array: ParsedJson[] = [];
      skipSpace();
      if (text[at] === ']') {
        at++;
        return array;
      }
      for (;;) {
        array.push(parseValue());
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return array;
        }
        fail("expected ',' or ']'");
      }
    }
    if (char === '"') return parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    return parseNumber();
  };
  const value = parseValue();
  skipSpace();
  if (at !== text.length) fail('unexpected trailing text');
  return value;
}
