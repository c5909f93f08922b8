import { createHash } from 'node:crypto';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import { Code } from '@connectrpc/connect';
import * as age from 'age-encryption';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEntitlement, encodeGrant, encodeResource } from '../c1z/index.js';
import {
  demoData,
  demoDefinition,
  GOOD_TOKEN,
  MemoryStream,
  NEW_ACCOUNT_PASSWORD,
  type DemoCalls,
} from '../cli/test-connector.test-support.js';
import type { Entitlement, Grant, Resource } from '../model/index.js';
import type { Connector } from '../connector/index.js';
import { createLogger } from '../log/index.js';
import { C1CallError } from './client.js';
import { testRuntime } from '../testing/test-runtime.js';
import { FakeApi } from './fake-api.test-support.js';
import {
  CreateAccountResponseSchema,
  GrantManagerServiceGrantResponseSchema,
  GrantManagerServiceRevokeResponseSchema,
} from './gen/c1/connector/v2/service_pb.js';
import { runTaskLoop, type TaskLoopOptions } from './task-loop.js';
import type { Sleep } from './timing.js';
import { UPLOAD_CHUNK_BYTES } from './upload.js';

const HOST = 'test-host';

describe('the service-mode task loop', () => {
  let api: FakeApi;
  let calls: DemoCalls;
  let connector: Connector;
  let logs: MemoryStream;
  let controller: AbortController;
  let sleeps: number[];
  let loop: Promise<void> | undefined;

  const sleep: Sleep = (ms) => {
    sleeps.push(ms);
    return new Promise((resolve) => setImmediate(resolve));
  };
  const start = (overrides: Partial<TaskLoopOptions> = {}): Promise<void> => {
    loop = runTaskLoop({
      api,
      hostId: HOST,
      connector,
      logger: createLogger({ level: 'debug', format: 'json', stream: logs }),
      signal: controller.signal,
      provisioning: true,
      tempDir: process.env['TMPDIR'] ?? '/tmp',
      build: { package: 'baton-demo', version: '1.2.3' },
      sleep,
      ...overrides,
    });
    return loop;
  };
  const stop = async (): Promise<void> => {
    controller.abort('SIGTERM');
    await loop;
  };
  const find = async <T>(get: () => T | undefined): Promise<T> => {
    // Bounded by time, not by turns: a sync's file work runs on the thread pool, which a loaded
    // machine makes slow, so a count of event-loop turns runs out before the work is done.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const value = get();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error('never happened within 20 s');
  };
  const finishOf = (taskId: string) => find(() => api.finished.find((request) => request.taskId === taskId));
  const membership = (team: Resource): Entitlement => ({ id: `team:${team.id.resource}:member` }) as Entitlement;

  async function objects(): Promise<{ team: Resource; user: Resource; entitlement: Entitlement; grant: Grant }> {
    const teams = connector.resourceSyncers.find((syncer) => syncer.resourceType.id === 'team')!;
    const users = connector.resourceSyncers.find((syncer) => syncer.resourceType.id === 'user')!;
    const ctx = { signal: controller.signal, logger: createLogger({ stream: logs }) };
    const [team] = (await teams.list({ pageToken: '', ctx })).items;
    const user = (await users.list({ pageToken: '', ctx })).items[2]!;
    const [entitlement] = (await teams.entitlements!(team!, { pageToken: '', ctx })).items;
    const [grant] = (await teams.grants!(team!, { pageToken: '', ctx })).items;
    expect(membership(team!).id).toBe(entitlement?.id);
    return { team: team!, user, entitlement: entitlement!, grant: grant! };
  }

  beforeEach(async () => {
    api = new FakeApi();
    calls = { granted: [], revoked: [], accounts: [], runtime: [] };
    const runtime = testRuntime({ logger: createLogger({ stream: new MemoryStream() }), provisioning: true });
    connector = await demoDefinition(demoData(), calls).create({ 'demo-token': GOOD_TOKEN, 'demo-region': 'eu' }, runtime);
    logs = new MemoryStream();
    controller = new AbortController();
    sleeps = [];
    loop = undefined;
  });

  afterEach(async () => {
    if (!controller.signal.aborted) await stop();
  });

  it('says Hello with host, build and connector metadata before polling, and reports ready', async () => {
    let ready = false;
    void start({ onReady: () => (ready = true) });
    const hello = await find(() => api.hellos[0]);
    expect(hello).toMatchObject({ hostId: HOST, taskId: '', buildInfo: { package: 'baton-demo', packageVersion: '1.2.3' } });
    expect(hello.connectorMetadata?.displayName).toBe('Demo');
    await find(() => (ready ? true : undefined));
    await find(() => (sleeps.includes(1000) ? true : undefined));
  });

  it('answers a hello task with a Hello naming it, and no FinishTask', async () => {
    const id = api.add({ case: 'hello', value: {} });
    void start();
    await find(() => api.hellos.find((hello) => hello.taskId === id));
    await stop();
    expect(api.finished).toEqual([]);
  });

  it('grants and finishes with a GrantManagerServiceGrantResponse; an existing grant carries GrantAlreadyExists', async () => {
    const { entitlement, user } = await objects();
    const id = api.add({ case: 'grant', value: { entitlement: encodeEntitlement(entitlement), principal: encodeResource(user) } });
    const again = api.add({ case: 'grant', value: { entitlement: encodeEntitlement(entitlement), principal: encodeResource(user) } });
    void start();
    const finish = await finishOf(id);
    expect(calls.granted).toEqual([`${entitlement.id}:user:${user.id.resource}`]);
    expect(finish.status).toBeUndefined();
    if (finish.finalState.case !== 'success') throw new Error('not a success');
    expect(anyUnpack(finish.finalState.value.response!, GrantManagerServiceGrantResponseSchema)?.annotations).toEqual([]);
    const second = await finishOf(again);
    if (second.finalState.case !== 'success') throw new Error('not a success');
    expect(second.finalState.value.annotations.map((any) => any.typeUrl)).toEqual([
      'type.googleapis.com/c1.connector.v2.GrantAlreadyExists',
    ]);
  });

  it('revokes and finishes with a GrantManagerServiceRevokeResponse', async () => {
    const { grant } = await objects();
    const id = api.add({ case: 'revoke', value: { grant: encodeGrant(grant) } });
    void start();
    const finish = await finishOf(id);
    expect(calls.revoked).toEqual([grant.id]);
    if (finish.finalState.case !== 'success') throw new Error('not a success');
    expect(anyUnpack(finish.finalState.value.response!, GrantManagerServiceRevokeResponseSchema)).toBeDefined();
  });

  it('refuses provisioning tasks with FailedPrecondition when provisioning is off, and malformed ones as final', async () => {
    const { grant } = await objects();
    const refused = api.add({ case: 'revoke', value: { grant: encodeGrant(grant) } });
    void start({ provisioning: false });
    expect(await finishOf(refused)).toMatchObject({
      status: { code: Code.FailedPrecondition, message: 'provisioning is not enabled' },
      finalState: { case: 'error', value: { nonRetryable: true } },
    });
    expect(calls.revoked).toEqual([]);
  });

  it('creates an account and seals its password to the age recipient of the task', async () => {
    const identity = await age.generateIdentity();
    const recipient = await age.identityToRecipient(identity);
    const id = api.add({
      case: 'createAccount',
      value: {
        accountInfo: { login: 'new.user', emails: [{ address: 'new@example.com', isPrimary: true }], profile: { team: 'ops' } },
        credentialOptions: { options: { case: 'randomPassword', value: { length: 20n } } },
        encryptionConfigs: [{ provider: 'baton/age/v1', config: { case: 'ageRecipientConfig', value: { recipient } } }],
      },
    });
    void start();
    const finish = await finishOf(id);
    expect(calls.accounts[0]).toMatchObject({
      info: { login: 'new.user', emails: [{ address: 'new@example.com', isPrimary: true }], profile: { team: 'ops' } },
      credentials: { kind: 'random-password', length: 20 },
    });
    if (finish.finalState.case !== 'success') throw new Error('not a success');
    const response = anyUnpack(finish.finalState.value.response!, CreateAccountResponseSchema);
    expect(response?.result.case).toBe('success');
    const [sealed] = response?.encryptedData ?? [];
    expect(sealed).toMatchObject({
      provider: 'baton/age/v1',
      name: 'password',
      keyIds: [createHash('sha256').update(recipient).digest('hex')],
    });
    const decrypter = new age.Decrypter();
    decrypter.addIdentity(identity);
    expect(await decrypter.decrypt(sealed!.encryptedBytes, 'text')).toBe(NEW_ACCOUNT_PASSWORD);
    expect(logs.text).not.toContain(NEW_ACCOUNT_PASSWORD);
  });

  it('refuses a create account task whose encryption provider it does not have, before creating anything', async () => {
    const id = api.add({
      case: 'createAccount',
      value: {
        accountInfo: { login: 'x' },
        encryptionConfigs: [{ provider: 'baton/jwk/v1', config: { case: 'jwkPublicKeyConfig', value: {} } }],
      },
    });
    void start();
    expect(await finishOf(id)).toMatchObject({
      status: { code: Code.InvalidArgument },
      finalState: { case: 'error', value: { nonRetryable: true } },
    });
    expect(calls.accounts).toEqual([]);
  });

  it('finishes a delete the connector cannot do as Unimplemented, and unknown task types as Unknown "unsupported task type"', async () => {
    const deletion = api.add({ case: 'deleteResource', value: { resourceId: new Uint8Array([10, 4, 117, 115, 101, 114, 18, 1, 49]) } });
    const diff = api.add({ case: 'createSyncDiff', value: {} });
    const empty = api.add(undefined);
    void start();
    expect(await finishOf(deletion)).toMatchObject({
      status: { code: Code.Unimplemented },
      finalState: { case: 'error', value: { nonRetryable: true } },
    });
    for (const id of [diff, empty]) {
      expect(await finishOf(id)).toMatchObject({
        status: { code: Code.Unknown, message: 'unsupported task type' },
        finalState: { case: 'error', value: { nonRetryable: false } },
      });
    }
  });

  it('runs a full sync: heartbeat first, then metadata, 512 KiB chunks and the SHA-256, then success', async () => {
    const id = api.add({ case: 'syncFull', value: {} });
    void start();
    const finish = await finishOf(id);
    expect(finish).toMatchObject({ hostId: HOST, finalState: { case: 'success' } });
    expect(finish.status).toBeUndefined();
    expect(api.heartbeats[0]).toBe(id);
    const [messages = []] = api.uploads;
    expect(messages[0]?.msg).toMatchObject({ case: 'metadata', value: { hostId: HOST, taskId: id } });
    const data = messages.flatMap((message) => (message.msg.case === 'data' ? [message.msg.value.data] : []));
    expect(data.every((chunk) => chunk.length <= UPLOAD_CHUNK_BYTES)).toBe(true);
    const bytes = Buffer.concat(data);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('C1ZF\0');
    const eof = messages.at(-1)?.msg;
    if (eof?.case !== 'eof') throw new Error('no eof');
    expect(Buffer.from(eof.value.sha256Checksum)).toEqual(createHash('sha256').update(bytes).digest());
  });

  it('drops a full sync C1 cancels at the first heartbeat: no upload, no FinishTask', async () => {
    api.cancelled = true;
    const id = api.add({ case: 'syncFull', value: {} });
    const after = api.add({ case: 'createSyncDiff', value: {} });
    void start();
    await finishOf(after);
    await find(() => (api.heartbeats.includes(id) ? true : undefined));
    await stop();
    expect(api.uploads).toEqual([]);
    expect(api.finished.map((request) => request.taskId)).toEqual([after]);
  });

  it('retries Hello from 1 s doubling and polls after errors² s, logging the outage once', async () => {
    api.helloErrors.push(...[1, 2, 3].map(() => new C1CallError('C1 is unreachable: ECONNREFUSED', Code.Unavailable)));
    api.pollFailures = 3;
    void start();
    await find(() => (api.hellos.length > 0 && sleeps.length >= 7 ? true : undefined));
    expect(sleeps.slice(0, 6)).toEqual([1000, 2000, 4000, 1000, 4000, 9000]);
    expect(logs.text.split('C1 is unreachable; retrying').length - 1).toBe(2);
    expect(logs.text.split('reconnected to C1').length - 1).toBe(2);
  });

  it('ends on a Hello C1 refuses (Unauthenticated) instead of retrying', async () => {
    api.helloErrors.push(new C1CallError('C1 refused the client credentials (401)', Code.Unauthenticated));
    await expect(start()).rejects.toMatchObject({ code: Code.Unauthenticated });
    controller.abort();
  });

  it('on shutdown stops polling, cancels a running sync (finished as Cancelled) and uploads nothing', async () => {
    const blocking: Connector = {
      ...connector,
      resourceSyncers: connector.resourceSyncers.map((syncer) => ({
        ...syncer,
        list: (request) =>
          new Promise((_resolve, reject) =>
            request.ctx.signal.addEventListener('abort', () => reject(request.ctx.signal.reason), { once: true }),
          ),
      })),
    };
    const id = api.add({ case: 'syncFull', value: {} });
    void start({ connector: blocking });
    await find(() => (api.heartbeats.includes(id) ? true : undefined));
    await stop();
    expect(await finishOf(id)).toMatchObject({ status: { code: Code.Canceled }, finalState: { case: 'error' } });
    expect(api.uploads).toEqual([]);
  });
});
