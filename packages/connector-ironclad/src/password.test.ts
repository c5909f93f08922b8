import { describe, expect, it } from 'vitest';
import { generatePassword, IRONCLAD_SPECIAL_CHARACTERS } from './password.js';

const meetsIronclad = (password: string) =>
  password.length >= 16 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && /[^A-Za-z0-9]/.test(password);

describe('generatePassword', () => {
  it("meets Ironclad's rule even when the caller asks for less", () => {
    for (let round = 0; round < 200; round++) {
      const password = generatePassword({ length: 8, constraints: [] });
      expect(password).toHaveLength(16);
      expect(meetsIronclad(password)).toBe(true);
      expect([...password].every((c) => /[A-Za-z0-9]/.test(c) || IRONCLAD_SPECIAL_CHARACTERS.includes(c))).toBe(true);
    }
  });

  it("honours the caller's length and minimum counts, using the caller's characters", () => {
    const password = generatePassword({
      length: 40,
      constraints: [
        { charSet: 'abc', minCount: 3 },
        { charSet: 'XYZ', minCount: 2 },
        { charSet: '789', minCount: 4 },
        { charSet: '#!', minCount: 5 },
      ],
    });
    expect(password).toHaveLength(40);
    expect(password).toMatch(/^[abcXYZ789#!]+$/);
    expect(password.replace(/[^#!]/g, '').length).toBeGreaterThanOrEqual(5);
    expect(password.replace(/[^789]/g, '').length).toBeGreaterThanOrEqual(4);
  });

  it("adds a missing class from Ironclad's set and grows to fit the minimum counts", () => {
    const password = generatePassword({ length: 16, constraints: [{ charSet: 'abcdefghijklmnopqrstuvwxyz', minCount: 20 }] });
    expect(password.length).toBeGreaterThanOrEqual(23);
    expect(meetsIronclad(password)).toBe(true);
  });

  it('never repeats itself', () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword({ length: 20, constraints: [] })));
    expect(seen.size).toBe(100);
  });

  it('refuses a constraint with no character Ironclad accepts', () => {
    expect(() => generatePassword({ length: 20, constraints: [{ charSet: 'éü', minCount: 1 }] })).toThrow(RangeError);
  });
});
