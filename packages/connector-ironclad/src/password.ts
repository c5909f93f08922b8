import { generatePassword as generateSdkPassword, PASSWORD_CHARACTERS, type PasswordPolicy, type PasswordRequest } from '@c1/connector-sdk';

/** Ironclad's password rule: 16+ characters with lower, upper, digit and special characters. */
export const IRONCLAD_MIN_PASSWORD_LENGTH = 16;

/** The special characters Ironclad lists in its password rule (ASCII punctuation). */
export const IRONCLAD_SPECIAL_CHARACTERS = PASSWORD_CHARACTERS.special;

/** Ironclad's rule as a password policy: the four classes, ASCII letters, digits and punctuation only. */
export const IRONCLAD_PASSWORD_POLICY: PasswordPolicy = { minLength: IRONCLAD_MIN_PASSWORD_LENGTH };

/** A crypto-random password meeting both the caller's request and Ironclad's rule. */
export function generatePassword(request: PasswordRequest): string {
  return generateSdkPassword(request, IRONCLAD_PASSWORD_POLICY);
}
