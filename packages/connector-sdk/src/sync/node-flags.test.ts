import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SYNC_NODE_FLAGS } from './node-flags.js';

describe('SYNC_NODE_FLAGS', () => {
  it('are flags this Node accepts, and none of them caps the heap', () => {
    const limit = execFileSync(
      process.execPath,
      [...SYNC_NODE_FLAGS, '-e', "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))"],
      { encoding: 'utf8' },
    );
    const defaultLimit = execFileSync(
      process.execPath,
      ['-e', "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))"],
      { encoding: 'utf8' },
    );
    expect(Number(limit)).toBeGreaterThanOrEqual(Number(defaultLimit) * 0.9);
    expect(SYNC_NODE_FLAGS.some((flag) => flag.startsWith('--max-old-space-size'))).toBe(false);
  });
});
