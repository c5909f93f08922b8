import { randomInt } from 'node:crypto';

/** Ironclad's password rule: 16+ characters with lower, upper, digit and special characters. */
export const IRONCLAD_MIN_PASSWORD_LENGTH = 16;

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** The special characters Ironclad lists in its password rule (ASCII punctuation). */
export const IRONCLAD_SPECIAL_CHARACTERS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const ALLOWED = new Set(LOWER + UPPER + DIGITS + IRONCLAD_SPECIAL_CHARACTERS);
const CLASSES = [LOWER, UPPER, DIGITS, IRONCLAD_SPECIAL_CHARACTERS] as const;
const MAX_LENGTH = 1024;

/** What the caller asks of a password (Baton's `LocalCredentialOptions.RandomPassword`). */
export interface PasswordRequest {
  length: number;
  constraints: readonly { charSet: string; minCount: number }[];
}

function unique(characters: Iterable<string>): string[] {
  return [...new Set(characters)];
}

function pick(characters: readonly string[]): string {
  return characters[randomInt(characters.length)] as string;
}

/**
 * A crypto-random password that meets both the caller's request and Ironclad's rule. The
 * caller's length and per-set minimum counts are honoured (never below 16 characters); each
 * of Ironclad's four classes appears at least once, taken from the caller's characters when
 * they include that class. Characters Ironclad does not allow are never used.
 */
export function generatePassword(request: PasswordRequest): string {
  const requirements = request.constraints
    .map((constraint) => ({ characters: unique(constraint.charSet).filter((c) => ALLOWED.has(c)), minCount: Math.max(0, Math.floor(constraint.minCount)) }))
    .filter((requirement) => requirement.minCount > 0 || requirement.characters.length > 0);
  for (const requirement of requirements) {
    if (requirement.minCount > 0 && requirement.characters.length === 0) {
      throw new RangeError('a password constraint has no character Ironclad accepts');
    }
  }
  const callerPool = unique(requirements.flatMap((requirement) => requirement.characters));
  for (const characterClass of CLASSES) {
    const fromCaller = callerPool.filter((c) => characterClass.includes(c));
    requirements.push({ characters: fromCaller.length > 0 ? fromCaller : [...characterClass], minCount: 1 });
  }
  const pool = callerPool.length > 0 ? unique([...callerPool, ...requirements.flatMap((r) => r.characters)]) : [...ALLOWED];
  const required = requirements.reduce((sum, requirement) => sum + requirement.minCount, 0);
  const length = Math.max(Math.floor(request.length), IRONCLAD_MIN_PASSWORD_LENGTH, required);
  if (length > MAX_LENGTH) throw new RangeError(`a password of ${length} characters is longer than ${MAX_LENGTH}`);
  const characters: string[] = [];
  for (const requirement of requirements) {
    for (let count = 0; count < requirement.minCount; count++) characters.push(pick(requirement.characters));
  }
  while (characters.length < length) characters.push(pick(pool));
  for (let index = characters.length - 1; index > 0; index--) {
    const swap = randomInt(index + 1);
    [characters[index], characters[swap]] = [characters[swap] as string, characters[index] as string];
  }
  return characters.join('');
}
