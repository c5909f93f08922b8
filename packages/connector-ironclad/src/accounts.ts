import {
  ConnectorError,
  isConnectorError,
  registerSecret,
  type AccountInfo,
  type AccountManager,
  type ConnectorDeclaration,
  type CreateAccountOutcome,
  type CredentialOptions,
  type JsonObject,
  type OperationContext,
  type PlaintextData,
  type ProvisioningGuard,
} from '@c1/connector-sdk';
import type { IroncladClient, IroncladNewUser } from './client.js';
import { generatePassword } from './password.js';
import { ironcladUserResource, userResourceType } from './users.js';

const PROFILE_KEYS = {
  givenName: ['givenName', 'given_name', 'firstName', 'first_name'],
  familyName: ['familyName', 'family_name', 'lastName', 'last_name'],
  title: ['title'],
  department: ['department'],
} as const;

function profileText(profile: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = profile[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

const isEmail = (text: string | undefined): text is string => text !== undefined && /^[^\s@]+@[^\s@]+$/.test(text);

/** The Ironclad user to create from Baton's account info (without a password). */
export function newUserFrom(info: AccountInfo): Omit<IroncladNewUser, 'password'> {
  const email = (info.emails.find((e) => e.isPrimary) ?? info.emails[0])?.address.trim();
  const login = info.login?.trim();
  const userName = isEmail(login) ? login : email;
  if (!isEmail(userName)) {
    throw new ConnectorError(
      'an Ironclad account needs an email address as its login: give --create-account-login or --create-account-email',
      { code: 'invalid-argument' },
    );
  }
  const givenName = profileText(info.profile, PROFILE_KEYS.givenName);
  const familyName = profileText(info.profile, PROFILE_KEYS.familyName);
  if (!givenName || !familyName) {
    throw new ConnectorError('an Ironclad account needs a name: put "givenName" and "familyName" in --create-account-profile', {
      code: 'invalid-argument',
    });
  }
  const title = profileText(info.profile, PROFILE_KEYS.title);
  const department = profileText(info.profile, PROFILE_KEYS.department);
  return { userName, givenName, familyName, ...(title && { title }), ...(department && { department }) };
}

/** How Ironclad accounts are created: as users, with a random password or none. */
export const IRONCLAD_ACCOUNT_CREATION = {
  resourceTypeId: userResourceType.id,
  supportedCredentialOptions: ['random-password', 'no-password'],
  preferredCredentialOption: 'random-password',
} as const satisfies ConnectorDeclaration['accountCreation'];

/**
 * Creates Ironclad accounts (`POST /Users`). With `random-password` a crypto-random password
 * meeting Ironclad's rule is set and handed back only as a secret; `no-password` suits
 * companies that sign in with SAML. An existing userName (409) is `already-exists`, carrying
 * the existing account. Accounts are never deleted by this connector.
 */
export function ironcladAccountManager(client: IroncladClient, guard: ProvisioningGuard): AccountManager {
  return {
    resourceTypeId: IRONCLAD_ACCOUNT_CREATION.resourceTypeId,
    capabilityDetails: {
      supportedCredentialOptions: [...IRONCLAD_ACCOUNT_CREATION.supportedCredentialOptions],
      preferredCredentialOption: IRONCLAD_ACCOUNT_CREATION.preferredCredentialOption,
    },
    async createAccount(info: AccountInfo, credentials: CredentialOptions, ctx: OperationContext): Promise<CreateAccountOutcome> {
      guard('creating accounts');
      if (credentials.kind === 'sso') {
        throw new ConnectorError('Ironclad accounts are created with a random password or none (SAML companies), not "sso"', {
          code: 'invalid-argument',
        });
      }
      const user = newUserFrom(info);
      const password = credentials.kind === 'random-password' ? generatePassword(credentials) : undefined;
      if (password !== undefined) registerSecret(password);
      try {
        const created = await client.createUser({ ...user, ...(password !== undefined && { password }) });
        ctx.logger.info('created an Ironclad account', { user: created.id, userName: created.userName, password: password !== undefined });
        const secrets: PlaintextData[] =
          password === undefined
            ? []
            : [
                {
                  name: 'password',
                  description: `Initial Ironclad password of ${created.userName ?? user.userName}`,
                  bytes: new TextEncoder().encode(password),
                },
              ];
        return { outcome: 'created', resource: ironcladUserResource(created), ...(secrets.length > 0 && { secrets }) };
      } catch (error) {
        if (!isConnectorError(error, 'already-exists')) throw error;
        const existing = await client.findUserByUserName(user.userName);
        if (!existing) throw error;
        ctx.logger.info('the Ironclad account already exists', { user: existing.id, userName: existing.userName });
        return { outcome: 'already-exists', resource: ironcladUserResource(existing) };
      }
    },
  };
}
