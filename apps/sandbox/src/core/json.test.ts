import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from './json.js';

describe('stringifyJson', () => {
  it('writes bigint as bare digits and leaves out undefined members', () => {
    expect(stringifyJson({ id: 9007199254740993n, name: 'a"b', skip: undefined, list: [1, null, true] })).toBe(
      '{"id":9007199254740993,"name":"a\\"b","list":[1,null,true]}',
    );
  });
});

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as bigint and the rest as numbers', () => {
    expect(parseJson('{"user":{"id":9007199254740993},"n":[1,-2.5e3,9007199254740991],"s":"\\u00e9"}')).toEqual({
      user: { id: 9007199254740993n },
      n: [1, -2500, 9007199254740991],
      s: 'é',
    });
  });

  it('keeps a "__proto__" member as data', () => {
    const parsed = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect((parsed as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('rejects malformed text', () => {
    for (const text of ['', '{', '{"a":}', '[1,]', '{"a":1} x', 'tru', '01']) {
      expect(() => parseJson(text), text).toThrow(SyntaxError);
    }
  });

  it('round-trips with stringifyJson', () => {
    const text = '{"a":[{"b":18446744073709551615},"x",false,null],"c":{}}';
    expect(stringifyJson(parseJson(text))).toBe(text);
  });
});
