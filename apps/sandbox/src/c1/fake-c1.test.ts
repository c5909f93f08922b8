import { createHash } from 'node:crypto';
import { C1AuthError, C1CallError, C1TokenSource, GrpcC1Api, parseC1Credentials } from '@c1/connector-sdk/service-protocol';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeC1, type FakeC1 } from './fake-c1.js';

describe('the fake C1', () => {
  let c1: FakeC1;
  const client = (secret: string) => {
    const tokens = new C1TokenSource({ credentials: parseC1Credentials(c1.clientId, secret), address: c1.address, ca: c1.caPem });
    return { tokens, api: new GrpcC1Api({ address: c1.address, tokens, userAgent: 'test', ca: c1.caPem, env: {} }) };
  };

  beforeAll(async () => {
    c1 = await startFakeC1({ pollMs: 50 });
  }, 30_000);

  afterAll(async () => {
    await c1?.close();
  });

  it('issues a token for a proof signed with its key and refuses one signed with another', async () => {
    const good = client(c1.clientSecret);
    expect((await good.tokens.token()).authorization).toMatch(/^Bearer /);
    const bad = client(c1.wrongClientSecret);
    await expect(bad.tokens.token()).rejects.toBeInstanceOf(C1AuthError);
    expect(c1.state.refusedTokens).toEqual(['bad signature']);
    await Promise.all([good.tokens.close(), bad.tokens.close()]);
  });

  it('serves BatonService over TLS on the token port: Hello, queued tasks, heartbeats and finishes', async () => {
    const { api, tokens } = client(c1.clientSecret);
    await api.hello({ hostId: 'h', connectorMetadata: { displayName: 'Test' } });
    const id = c1.enqueue({ case: 'syncFull', value: {} });
    expect(id).toMatch(/^[a-zA-Z0-9]{27}$/);
    const answer = await api.getTask({ hostId: 'h' });
    expect(answer.task?.id).toBe(id);
    expect(Number(answer.nextPoll?.nanos)).toBe(50e6);
    expect((await api.getTask({ hostId: 'h' })).task).toBeUndefined();
    await api.heartbeat({ hostId: 'h', taskId: id });
    await api.finishTask({ hostId: 'h', taskId: id, finalState: { case: 'success', value: {} } });
    expect(c1.state.hellos).toHaveLength(1);
    expect(c1.state.heartbeats.map((beat) => beat.taskId)).toEqual([id]);
    expect(c1.state.finished.map((request) => request.taskId)).toEqual([id]);
    api.close();
    await tokens.close();
  });

  it('keeps an upload whose checksum matches and refuses one that does not with DATA_LOSS', async () => {
    const { api, tokens } = client(c1.clientSecret);
    const data = Buffer.from('C1ZF\0 some bytes');
    const upload = (checksum: Buffer) =>
      api.uploadAsset(
        (async function* () {
          yield { msg: { case: 'metadata' as const, value: { hostId: 'h', taskId: 'T'.repeat(27) } } };
          yield { msg: { case: 'data' as const, value: { data } } };
          yield { msg: { case: 'eof' as const, value: { sha256Checksum: checksum } } };
        })(),
      );
    await upload(createHash('sha256').update(data).digest());
    expect(c1.state.uploads.at(-1)?.bytes).toEqual(data);
    const refused = await upload(Buffer.alloc(32)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(C1CallError);
    expect((refused as C1CallError).code).toBe(status.DATA_LOSS);
    expect(c1.state.uploads).toHaveLength(1);
    api.close();
    await tokens.close();
  });

  it('refuses calls without a token it issued', async () => {
    const { api, tokens } = client(c1.clientSecret);
    await tokens.token();
    c1.state.issuedTokens.clear();
    await expect(api.getTask({ hostId: 'h' })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    api.close();
    await tokens.close();
  });
});
