import { createHash } from 'node:crypto';
import { C1AuthError, C1CallError, C1TokenSource, GrpcC1Api, parseC1Credentials } from '@c1/connector-sdk/service-protocol';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeC1, type FakeC1 } from './fake-c1.js';

describe('the fake C1', () => {
  let c1: FakeC1;
  /** A client; `trust` is how its gRPC connection learns the fake's CA (none: it must refuse the fake). */
  const client = (secret: string, trust: 'ca' | 'env' | 'none' = 'ca') => {
    const tokens = new C1TokenSource({ credentials: parseC1Credentials(c1.clientId, secret), address: c1.address, ca: c1.caPem });
    const env = trust === 'env' ? { NODE_EXTRA_CA_CERTS: c1.caFile } : {};
    const api = new GrpcC1Api({
      address: c1.address,
      tokens,
      userAgent: 'sandbox-test c1-connector-sdk/0.0.0',
      env,
      ...(trust === 'ca' && { ca: c1.caPem }),
    });
    return { tokens, api };
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

  it('sends the user agent with every call and gives unary calls a 30 s deadline, uploads none', async () => {
    const { api, tokens } = client(c1.clientSecret);
    const from = c1.state.calls.length;
    await api.getTask({ hostId: 'h' });
    await api.uploadAsset(
      (async function* () {
        yield { msg: { case: 'metadata' as const, value: { hostId: 'h', taskId: 'T'.repeat(27) } } };
        yield { msg: { case: 'eof' as const, value: { sha256Checksum: createHash('sha256').digest() } } };
      })(),
    );
    const [poll, upload] = c1.state.calls.slice(from);
    expect(poll).toMatchObject({ method: 'GetTask', userAgent: expect.stringMatching(/^sandbox-test c1-connector-sdk\/0\.0\.0/) });
    expect(poll?.deadlineMs).toBeGreaterThan(25_000);
    expect(poll?.deadlineMs).toBeLessThanOrEqual(30_000);
    expect(upload?.method).toBe('UploadAsset');
    expect(upload?.deadlineMs).toBeUndefined();
    api.close();
    await tokens.close();
  });

  it('trusts a CA named by NODE_EXTRA_CA_CERTS and sends nothing to a server whose certificate it does not trust', async () => {
    const trusted = client(c1.clientSecret, 'env');
    await trusted.api.hello({ hostId: 'h', connectorMetadata: { displayName: 'Test' } });
    const untrusted = client(c1.clientSecret, 'none');
    const from = c1.state.calls.length;
    const refused = await untrusted.api.hello({ hostId: 'h', connectorMetadata: { displayName: 'Test' } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(C1CallError);
    expect(refused).toMatchObject({ code: status.UNAVAILABLE, message: expect.stringMatching(/^C1 is unreachable: [A-Z_]+$/) });
    expect(c1.state.calls.slice(from)).toEqual([]);
    for (const { api, tokens } of [trusted, untrusted]) {
      api.close();
      await tokens.close();
    }
  });

  it('reports calls while C1 is away as UNAVAILABLE, the code the task loop retries, and reconnects once it is back', async () => {
    const { api, tokens } = client(c1.clientSecret);
    await api.getTask({ hostId: 'h' });
    await c1.pause();
    try {
      await expect(api.getTask({ hostId: 'h' })).rejects.toMatchObject({ code: status.UNAVAILABLE });
    } finally {
      await c1.resume();
    }
    expect((await api.getTask({ hostId: 'h' })).nextPoll).toBeDefined();
    api.close();
    await tokens.close();
  });

  it('resets an upload whose messages fail before its EOF and rethrows that failure as it is', async () => {
    const { api, tokens } = client(c1.clientSecret);
    const abandoned = c1.state.abandonedUploads;
    const reason = new DOMException('the task was cancelled', 'AbortError');
    const failed = await api
      .uploadAsset(
        (async function* () {
          yield { msg: { case: 'metadata' as const, value: { hostId: 'h', taskId: 'T'.repeat(27) } } };
          yield { msg: { case: 'data' as const, value: { data: Buffer.alloc(1024) } } };
          throw reason;
        })(),
      )
      .catch((error: unknown) => error);
    expect(failed).toBe(reason);
    await expect.poll(() => c1.state.abandonedUploads).toBe(abandoned + 1);
    expect(c1.state.uploads.every((upload) => upload.bytes.length !== 1024)).toBe(true);
    api.close();
    await tokens.close();
  });
});
