/** A deterministic pseudo-random source: the same seed always yields the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** Folds any seed number (or a seed plus a stream label) into 32 bits with FNV-1a. */
function seedBits(seed: number, stream: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${stream}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Creates a seeded generator (mulberry32). `stream` separates independent sequences drawn from
 * one seed, so adding draws to one part of the generator leaves the others unchanged.
 */
export function createRandom(seed: number, stream = ''): Random {
  let state = seedBits(seed, stream);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() needs a non-empty list');
      return item;
    },
    chance: (p) => next() < p,
  };
}

/** A stable token-like string for `label` derived from a seed, e.g. `ilert-sbx-3f9c…` (40 hex digits). */
export function seededToken(seed: number, label: string): string {
  const random = createRandom(seed, `token:${label}`);
  let digits = '';
  for (let index = 0; index < 40; index++) digits += random.int(0, 15).toString(16);
  return `${label}-${digits}`;
}
