import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Code } from '@connectrpc/connect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { C1CallError } from './client.js';
import { FakeApi } from './fake-api.test-support.js';
import { UPLOAD_CHUNK_BYTES, uploadFile } from './upload.js';

describe('uploads', () => {
  let dir: string;
  let file: string;
  let content: Buffer;
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upload-test-'));
    file = join(dir, 'sync.c1z');
    content = randomBytes(UPLOAD_CHUNK_BYTES * 2 + 1234);
    await writeFile(file, content);
    sleeps.length = 0;
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sends exactly 512 KiB chunks, the rest last, and the SHA-256 of the whole file', async () => {
    const api = new FakeApi();
    await uploadFile(api, file, { hostId: 'h', taskId: 't' }, sleep, new AbortController().signal);
    const [messages = []] = api.uploads;
    expect(messages.map((message) => message.msg.case)).toEqual(['metadata', 'data', 'data', 'data', 'eof']);
    const sizes = messages.flatMap((message) => (message.msg.case === 'data' ? [message.msg.value.data.length] : []));
    expect(sizes).toEqual([UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES, 1234]);
    const eof = messages[4]?.msg;
    expect(eof?.case === 'eof' && Buffer.from(eof.value.sha256Checksum)).toEqual(createHash('sha256').update(content).digest());
  });

  it('tries three times from byte 0, waiting 0 s then 1 s, and then gives up with the last error', async () => {
    const api = new FakeApi();
    let attempts = 0;
    const upload = api.uploadAsset.bind(api);
    api.uploadAsset = async (messages) => {
      attempts++;
      if (attempts < 3) throw new C1CallError('C1 UploadAsset: checksum mismatch', Code.DataLoss);
      await upload(messages);
    };
    await uploadFile(api, file, { hostId: 'h', taskId: 't' }, sleep, new AbortController().signal);
    expect(attempts).toBe(3);
    expect(sleeps).toEqual([1000]);
    expect(api.uploads).toHaveLength(1);

    attempts = -10;
    await expect(uploadFile(api, file, { hostId: 'h', taskId: 't' }, sleep, new AbortController().signal)).rejects.toThrow(
      'checksum mismatch',
    );
    expect(attempts).toBe(-7);
  });
});
