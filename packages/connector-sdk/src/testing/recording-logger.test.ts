import { describe, expect, it } from 'vitest';
import { recordingLogger } from './recording-logger.js';

describe('recordingLogger', () => {
  it("keeps every line in order, a child's with its fields merged in", () => {
    const logger = recordingLogger();
    logger.info('started', { phase: 'users' });
    logger.child({ requestId: 'r1' }).child({ attempt: 2 }).warn('retrying', { status: 503 });
    logger.error('failed');
    expect(logger.lines).toEqual([
      { level: 'info', message: 'started', fields: { phase: 'users' } },
      { level: 'warn', message: 'retrying', fields: { requestId: 'r1', attempt: 2, status: 503 } },
      { level: 'error', message: 'failed', fields: {} },
    ]);
    expect(logger.linesAt('warn').map((line) => line.message)).toEqual(['retrying']);
    expect(logger.linesAt('debug')).toEqual([]);
  });
});
