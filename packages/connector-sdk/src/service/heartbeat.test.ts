import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { MemoryStream } from '../cli/test-connector.test-support.js';
import type { Connector } from '../connector/index.js';
import { createLogger } from '../log/index.js';
import { C1CallError } from './client.js';
import { FakeApi } from './fake-api.test-support.js';
import { TaskSchema } from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import { startHeartbeats } from './heartbeat.js';
import type { TaskContext } from './task-context.js';

function context(api: FakeApi, sleeps: number[]): TaskContext {
  return {
    task: create(TaskSchema, { id: 'T'.repeat(27), taskType: { case: 'syncFull', value: {} } }),
    api,
    hostId: 'h',
    connector: {} as Connector,
    logger: createLogger({ format: 'json', stream: new MemoryStream() }),
    signal: new AbortController().signal,
    provisioning: false,
    tempDir: '/tmp',
    build: { package: 'p', version: '1' },
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
    finish: async () => undefined,
  };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

describe('heartbeats', () => {
  it('beat at the interval C1 names and stop the task after nine failures in a row', async () => {
    const api = new FakeApi();
    const sleeps: number[] = [];
    const answer = api.heartbeat.bind(api);
    let calls = 0;
    api.heartbeat = async (request) => {
      calls++;
      if (calls === 1 || calls === 3) return answer(request);
      throw new C1CallError('C1 Heartbeat: unavailable', Code.Unavailable);
    };
    const beats = await startHeartbeats(context(api, sleeps));
    if (!beats) throw new Error('the first heartbeat was refused');
    await until(() => beats.signal.aborted);
    expect(beats.signal.reason).toBe('heartbeat-failed');
    // First beat, one failure, one success (resets the count), then nine failures.
    expect(calls).toBe(1 + 1 + 1 + 9);
    expect(sleeps.every((ms) => ms === 5000)).toBe(true);
  });

  it('abort the task with "cancelled" when C1 says so', async () => {
    const api = new FakeApi();
    const beats = await startHeartbeats(context(api, []));
    api.cancelled = true;
    await until(() => beats?.signal.aborted === true);
    expect(beats?.signal.reason).toBe('cancelled');
  });
});
