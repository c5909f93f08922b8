import type { AccountInfo, CredentialOptionKind, CredentialOptions } from '../../connector/index.js';
import { ConnectorError } from '../../errors/index.js';
import type { JsonObject } from '../../model/index.js';
import type { CommandContext } from '../context.js';
import { operationContext, withConnector } from '../connector-factory.js';
import { EXIT_CODES } from '../exit-codes.js';
import { toJson } from '../output.js';
import { UsageError } from '../cli-errors.js';

/** Length of generated passwords; at least 16, as the CLI promises operators. */
const RANDOM_PASSWORD_LENGTH = 20;

/** The credential options the CLI asks for, given the account manager's preferred kind. */
export function credentialOptionsFor(kind: CredentialOptionKind): CredentialOptions {
  switch (kind) {
    case 'random-password':
      return {
        kind,
        length: RANDOM_PASSWORD_LENGTH,
        constraints: [
          { charSet: 'abcdefghijklmnopqrstuvwxyz', minCount: 1 },
          { charSet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', minCount: 1 },
          { charSet: '0123456789', minCount: 1 },
          { charSet: '!@#$%^&*()-_=+[]{};:,.?', minCount: 1 },
        ],
      };
    case 'no-password':
      return { kind };
    case 'sso':
      return { kind, ssoProvider: '' };
  }
}

function parseProfile(text: string | undefined): JsonObject {
  if (text === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonObject;
  } catch {
    // reported below
  }
  throw new UsageError('--create-account-profile / BATON_CREATE_ACCOUNT_PROFILE must be a JSON object');
}

/** The AccountInfo built from the `--create-account-*` flags. */
export function accountInfoFrom(ctx: CommandContext): AccountInfo {
  const { createAccountLogin: login, createAccountEmail: email, createAccountProfile } = ctx.settings;
  if (!login && !email) {
    throw new UsageError('creating an account needs --create-account-login or --create-account-email');
  }
  return {
    ...(login && { login }),
    emails: email ? [{ address: email, isPrimary: true }] : [],
    profile: parseProfile(createAccountProfile),
  };
}

/**
 * `--create-account-login/-email/-profile`: creates an account with the credential option of
 * `--create-account-credential` (default: the manager's preferred one) and prints the outcome as JSON. Returned secrets are printed only
 * encrypted to `--create-account-age-recipient`; without it they are withheld.
 */
export function createAccountOnce(ctx: CommandContext): Promise<number> {
  const info = accountInfoFrom(ctx);
  return withConnector(ctx, async (connector) => {
    const manager = connector.accountManager;
    if (!manager) {
      throw new ConnectorError(`${ctx.binary} cannot create accounts`, { code: 'unimplemented' });
    }
    const wantedType = ctx.settings.createAccountResourceType;
    const typeId = manager.resourceTypeId ?? 'user';
    if (wantedType !== undefined && wantedType !== typeId) {
      throw new UsageError(`--create-account-resource-type: ${ctx.binary} creates accounts as "${typeId}", not "${wantedType}"`);
    }
    const { supportedCredentialOptions, preferredCredentialOption } = manager.capabilityDetails;
    const kind = ctx.settings.createAccountCredential ?? preferredCredentialOption;
    if (!supportedCredentialOptions.includes(kind)) {
      throw new UsageError(`--create-account-credential: ${ctx.binary} supports ${supportedCredentialOptions.join(', ')}, not ${kind}`);
    }
    const credentials = credentialOptionsFor(kind);
    const result = await manager.createAccount(info, credentials, operationContext(ctx));
    const { secrets, ...outcome } = result;
    const recipient = ctx.settings.createAccountAgeRecipient;
    let sealed: Record<string, unknown> = {};
    if (secrets && secrets.length > 0) {
      if (recipient) {
        sealed = { encryptedSecrets: { recipient, armored: await (await import('../seal-secrets.js')).sealSecrets(secrets, recipient) } };
      } else {
        sealed = { secretsWithheld: secrets.map((secret) => secret.name) };
        await ctx.stderr.line(
          `${secrets.length} secret(s) of the new account were withheld; pass --create-account-age-recipient (an age public key) to receive them encrypted`,
        );
      }
    }
    await ctx.stdout.line(toJson({ ...outcome, ...sealed }, 2));
    return EXIT_CODES.ok;
  });
}
