import { describe, expect, it } from 'vitest';
import { nullFirstId } from './malform.js';

describe('nullFirstId', () => {
  it("nulls the first array element's id, keeping 64-bit ids exact", () => {
    expect(nullFirstId('[{"id":9007199254740993,"name":"a"},{"id":9007199254740995}]')).toBe(
      '[{"id":null,"name":"a"},{"id":9007199254740995}]',
    );
  });

  it('finds the first object with an id depth first (a SCIM ListResponse)', () => {
    expect(nullFirstId('{"totalResults":2,"Resources":[{"id":"u1","emails":[{"value":"x"}]},{"id":"u2"}]}')).toBe(
      '{"totalResults":2,"Resources":[{"id":null,"emails":[{"value":"x"}]},{"id":"u2"}]}',
    );
  });

  it('leaves bodies without an id, and non-JSON text, alone', () => {
    expect(nullFirstId('{"access_token":"t","expires_in":3600}')).toBeUndefined();
    expect(nullFirstId('[]')).toBeUndefined();
    expect(nullFirstId('not json')).toBeUndefined();
  });
});
