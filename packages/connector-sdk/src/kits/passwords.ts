import { randomInt } from 'node:crypto';

/** Character classes a password rule usually names. */
export const PASSWORD_CHARACTERS = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  /** ASCII punctuation. */
  special: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
} as const;

/** What the caller asks of a password (Baton's `LocalCredentialOptions.RandomPassword`). */
export interface PasswordRequest {
  length: number;
  constraints: readonly { charSet: string; minCount: number }[];
}

/** A service's password rule. */
export interface PasswordPolicy {
  /** The shortest password the service accepts. Default 12. */
  minLength?: number;
  /** The longest password made. Default 1024. */
  maxLength?: number;
  /** Classes of which at least one character must appear. Default lower, upper, digits, special. */
  requiredClasses?: readonly string[];
  /** Every character the service accepts. Default the four classes of {@link PASSWORD_CHARACTERS}. */
  allowed?: string;
}

interface Requirement {
  characters: string[];
  minCount: number;
}

const unique = (characters: Iterable<string>): string[] => [...new Set(characters)];
const pick = (characters: readonly string[]): string => characters[randomInt(characters.length)] as string;
const DEFAULT_CLASSES = Object.values(PASSWORD_CHARACTERS);

/** The caller's constraints as requirements on allowed characters; a set with none allowed is refused. */
function callerRequirements(request: PasswordRequest, allowed: ReadonlySet<string>): Requirement[] {
  const requirements = request.constraints
    .map((constraint) => ({
      characters: unique(constraint.charSet).filter((c) => allowed.has(c)),
      minCount: Math.max(0, Math.floor(constraint.minCount)),
    }))
    .filter((requirement) => requirement.minCount > 0 || requirement.characters.length > 0);
  if (requirements.some((requirement) => requirement.minCount > 0 && requirement.characters.length === 0)) {
    throw new RangeError('a password constraint has no character the service accepts');
  }
  return requirements;
}

function shuffle(characters: string[]): string[] {
  for (let index = characters.length - 1; index > 0; index--) {
    const swap = randomInt(index + 1);
    [characters[index], characters[swap]] = [characters[swap] as string, characters[index] as string];
  }
  return characters;
}

/**
 * A crypto-random password meeting both the caller's request and the service's rule. The
 * caller's length and per-set minimum counts are honoured (never below the policy's minimum
 * length); each required class appears at least once, taken from the caller's characters when
 * they include that class. Characters the service does not accept are never used. Throws a
 * RangeError for a constraint without an accepted character or a length above the maximum.
 */
export function generatePassword(request: PasswordRequest, policy: PasswordPolicy = {}): string {
  const classes = policy.requiredClasses ?? DEFAULT_CLASSES;
  const allowed = new Set(policy.allowed ?? DEFAULT_CLASSES.join(''));
  const maxLength = policy.maxLength ?? 1024;
  const requirements = callerRequirements(request, allowed);
  const callerPool = unique(requirements.flatMap((requirement) => requirement.characters));
  for (const characterClass of classes) {
    const fromCaller = callerPool.filter((c) => characterClass.includes(c));
    requirements.push({ characters: fromCaller.length > 0 ? fromCaller : [...characterClass].filter((c) => allowed.has(c)), minCount: 1 });
  }
  const pool = callerPool.length > 0 ? unique([...callerPool, ...requirements.flatMap((r) => r.characters)]) : [...allowed];
  const required = requirements.reduce((sum, requirement) => sum + requirement.minCount, 0);
  const length = Math.max(Math.floor(request.length), policy.minLength ?? 12, required);
  if (length > maxLength) throw new RangeError(`a password of ${length} characters is longer than ${maxLength}`);
  const characters: string[] = [];
  for (const requirement of requirements) {
    for (let count = 0; count < requirement.minCount; count++) characters.push(pick(requirement.characters));
  }
  while (characters.length < length) characters.push(pick(pool));
  return shuffle(characters).join('');
}
