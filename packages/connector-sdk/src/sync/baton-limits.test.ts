import { describe, expect, it } from 'vitest';
import { userResource } from '../model/builders.js';
import { truncateUtf8 } from '../model/limits.js';
import { fitResource, type LimitFindings } from './baton-limits.js';

describe("fitting objects to Baton's limits", () => {
  it('truncates at a character boundary, never inside a multi-byte character', () => {
    expect(truncateUtf8('😀😀😀', 9)).toBe('😀😀'); // 4 bytes each: a third would need 12
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(Buffer.byteLength(truncateUtf8('é'.repeat(513), 1024))).toBe(1024);
  });

  it('keeps timestamps from 0001-01-01 to 9999-12-31 and drops the ones outside', () => {
    const first = new Date('0001-01-01T00:00:00Z');
    const last = new Date('9999-12-31T23:59:59.999Z');
    const findings: LimitFindings = { fixed: [] };
    const kept = fitResource(userResource({ type: 'user', id: 1, displayName: 'x', createdAt: first, user: { lastLogin: last } }), findings);
    expect(findings).toEqual({ fixed: [] });
    expect(kept.createdAt).toEqual(first);

    const early = new Date(first.getTime() - 1);
    const fitted = fitResource(userResource({ type: 'user', id: 2, displayName: 'x', createdAt: early, user: { lastLogin: new Date(last.getTime() + 1) } }), findings);
    expect(fitted.createdAt).toBeUndefined();
    expect(fitted.annotations[0]).not.toHaveProperty('lastLogin');
    expect(findings.fixed).toEqual(['createdAt year 0 dropped (outside 0001-9999)', 'lastLogin year 10000 dropped (outside 0001-9999)']);
  });
});
