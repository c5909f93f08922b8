import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import { createHash } from 'node:crypto';
import { encodeResource } from '../c1z/proto/objects-codec.js';
import { encryptToAgeRecipient } from '../cli/seal-secrets.js';
import { credentialOptionsFor } from '../cli/commands/create-account.js';
import type { AccountInfo, AccountManager, CreateAccountOutcome, CredentialOptions, PlaintextData } from '../connector/index.js';
import {
  CreateAccountResponseSchema,
  type AccountInfo as AccountInfoMessage,
  type CreateAccountResponse,
  type CredentialOptions as CredentialOptionsMessage,
  EncryptedDataSchema,
  type EncryptionConfig,
} from './gen/c1/connector/v2/service_pb.js';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { failure, NonRetryableTaskError, packResponse, success, TaskStatusError } from './outcome.js';
import { provisioningDisabled } from './provisioning-tasks.js';
import type { TaskContext } from './task-context.js';

/** The encryption provider name of age X25519 recipients, as baton-sdk registers it. */
export const AGE_PROVIDER = 'baton/age/v1';

/** The SDK's AccountInfo from the task's. */
export function accountInfoOf(message: AccountInfoMessage): AccountInfo {
  return {
    ...(message.login !== '' && { login: message.login }),
    ...(message.loginAliases.length > 0 && { loginAliases: [...message.loginAliases] }),
    emails: message.emails.map((email) => ({ address: email.address, isPrimary: email.isPrimary })),
    profile: message.profile ?? {},
  };
}

/** The SDK's CredentialOptions from the task's; none given means the manager's preferred kind. */
export function credentialOptionsOf(message: CredentialOptionsMessage | undefined, manager: AccountManager): CredentialOptions {
  const options = message?.options;
  switch (options?.case) {
    case 'randomPassword':
      return {
        kind: 'random-password',
        length: Number(options.value.length),
        constraints: options.value.constraints.map((constraint) => ({ charSet: constraint.charSet, minCount: constraint.minCount })),
      };
    case 'noPassword':
      return { kind: 'no-password' };
    case 'sso':
      return { kind: 'sso', ssoProvider: options.value.ssoProvider };
    case 'encryptedPassword':
      throw new TaskStatusError(Code.InvalidArgument, 'encrypted password credentials are not supported', true);
    default:
      return credentialOptionsFor(manager.capabilityDetails.preferredCredentialOption);
  }
}

/** The age recipient of each config; any other provider is refused before anything is created. */
export function ageRecipientsOf(configs: readonly EncryptionConfig[]): string[] {
  return configs.map((config) => {
    const recipient = config.config.case === 'ageRecipientConfig' ? config.config.value.recipient : undefined;
    if (recipient === undefined || (config.provider !== '' && config.provider !== AGE_PROVIDER)) {
      throw new TaskStatusError(Code.InvalidArgument, `unsupported encryption provider "${config.provider}"`, true);
    }
    if (recipient === '' || recipient.trim() !== recipient || /[\r\n]/.test(recipient)) {
      throw new TaskStatusError(Code.InvalidArgument, 'age: recipient must be a single canonical recipient string', true);
    }
    return recipient;
  });
}

/** Each secret sealed to each recipient, as baton-sdk's age provider does (binary age, key id = sha256 of the recipient). */
export async function sealForRecipients(
  secrets: readonly PlaintextData[],
  recipients: readonly string[],
): Promise<MessageInitShape<typeof EncryptedDataSchema>[]> {
  const sealed: MessageInitShape<typeof EncryptedDataSchema>[] = [];
  for (const recipient of recipients) {
    const keyId = createHash('sha256').update(recipient).digest('hex');
    for (const secret of secrets) {
      sealed.push({
        provider: AGE_PROVIDER,
        name: secret.name,
        description: secret.description ?? '',
        encryptedBytes: await encryptToAgeRecipient(secret.bytes, recipient),
        keyIds: [keyId],
      });
    }
  }
  return sealed;
}

function resultOf(outcome: CreateAccountOutcome): MessageInitShape<typeof CreateAccountResponseSchema>['result'] {
  const resource = outcome.resource ? encodeResource(outcome.resource) : new Uint8Array();
  switch (outcome.outcome) {
    case 'created':
      return { case: 'success', value: { resource, isCreateAccountResult: true } };
    case 'already-exists':
      return { case: 'alreadyExists', value: { resource, isCreateAccountResult: true } };
    case 'action-required':
      return { case: 'actionRequired', value: { resource, message: outcome.message, isCreateAccountResult: true } };
    case 'in-progress':
      return { case: 'inProgress', value: { resource, isCreateAccountResult: true } };
  }
}

/** `create_account{account_info, credential_options, encryption_configs}`: creates the account and seals its secrets. */
export async function handleCreateAccount(ctx: TaskContext): Promise<void> {
  try {
    if (!ctx.provisioning) throw provisioningDisabled();
    const task = ctx.task.taskType.case === 'createAccount' ? ctx.task.taskType.value : undefined;
    if (!task?.accountInfo) throw new NonRetryableTaskError('malformed create account task');
    const manager = ctx.connector.accountManager;
    if (!manager) throw new TaskStatusError(Code.Unimplemented, 'this connector cannot create accounts', true);
    const recipients = ageRecipientsOf(task.encryptionConfigs);
    const credentials = credentialOptionsOf(task.credentialOptions, manager);
    if (!manager.capabilityDetails.supportedCredentialOptions.includes(credentials.kind)) {
      throw new TaskStatusError(Code.InvalidArgument, `credential option ${credentials.kind} is not supported`, true);
    }
    const outcome = await manager.createAccount(accountInfoOf(task.accountInfo), credentials, { signal: ctx.signal, logger: ctx.logger });
    const response: CreateAccountResponse = create(CreateAccountResponseSchema, {
      result: resultOf(outcome),
      encryptedData: await sealForRecipients(outcome.secrets ?? [], recipients),
    });
    ctx.logger.info('created account', { taskId: ctx.task.id, outcome: outcome.outcome, secrets: response.encryptedData.length });
    await ctx.finish(success(packResponse(CreateAccountResponseSchema, response)));
  } catch (error) {
    ctx.logger.error('task failed', { taskId: ctx.task.id, error: error instanceof Error ? error.message : String(error) });
    await ctx.finish(failure(error, true));
  }
}
