import { C1CredentialError, parseClientId, parseClientSecret } from './credentials.js';

function problemOf(parse: () => unknown): string | undefined {
  try {
    parse();
    return undefined;
  } catch (error) {
    if (error instanceof C1CredentialError) return error.message;
    throw error;
  }
}

/** Config check of `--client-id`: the problem, or undefined when it is a C1 client id. */
export function checkClientId(value: string): string | undefined {
  return problemOf(() => parseClientId(value));
}

/** Config check of `--client-secret`: the problem (never quoting it), or undefined when it is valid. */
export function checkClientSecret(value: string): string | undefined {
  return problemOf(() => parseClientSecret(value));
}
