import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanFailureProblems, fileUnchangedBy } from './cli-failure.js';

const expected = { binary: 'baton-acme', code: 1, message: 'rejected the API token', secrets: ['s3cret-token'] };

describe('cleanFailureProblems', () => {
  it('accepts one message line beside JSON log lines', () => {
    const stderr = '{"level":"info","msg":"sync started"}\nbaton-acme: acme rejected the API token (401)\n';
    expect(cleanFailureProblems({ code: 1, stdout: '', stderr }, expected)).toEqual([]);
  });

  it('lists every way a failure is not clean', () => {
    const stderr = 'unexpected error: boom s3cret-token\n    at main (x.js:1:1)\n';
    expect(cleanFailureProblems({ code: 0, stdout: 'x', stderr }, expected)).toEqual([
      'exit code 0, expected 1',
      'stdout is not empty: x',
      '2 message lines on stderr, expected 1: unexpected error: boom s3cret-token |     at main (x.js:1:1)',
      'the message does not start with "baton-acme: ": unexpected error: boom s3cret-token',
      'the message does not match rejected the API token: unexpected error: boom s3cret-token',
      'stderr holds a stack trace',
      'stderr reports an unexpected error',
      'a secret (12 characters) was printed',
    ]);
  });
});

describe('fileUnchangedBy', () => {
  it('tells whether an action left a file byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-failure-'));
    try {
      const file = join(dir, 'sync.c1z');
      writeFileSync(file, 'one');
      expect(await fileUnchangedBy(file, async () => undefined)).toBe(true);
      expect(await fileUnchangedBy(file, async () => writeFileSync(file, 'two'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
