/**
 * SIGTERM and SIGINT while the built `baton-ilert` is still reading its config: the config comes
 * from a pipe whose writer has not finished (as `--config /dev/stdin` fed by a slow process), and
 * the signal stops the process at once with the usual exit code, before any request.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, runConnectorCli } from '@c1/connector-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('baton-ilert interrupted while reading its config', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt(packageDir);
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-interrupt-'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`exits ${code} promptly on ${signal} while the config pipe is still open`, async () => {
      const fifo = join(dir, `${signal}.fifo`);
      execFileSync('mkfifo', [fifo]);
      let stoppedAfterMs = Number.POSITIVE_INFINITY;
      const result = await runConnectorCli(packageDir, ['validate', '--config', fifo, '--ilert-base-url', 'http://127.0.0.1:9/api'], {
        during: async (child) => {
          // Opening for writing waits until the CLI has opened the pipe to read its config.
          const writer = await open(fifo, 'w');
          await writer.write('log-level: warn\nilert-api-token: interrupt-token-0123456789\n');
          await sleep(200);
          const signalledAt = Date.now();
          child.kill(signal);
          // Keep the pipe open, writing comments, until the reader is gone (EPIPE) or 5 s passed.
          try {
            while (Date.now() - signalledAt < 5000) {
              await writer.write('# still writing\n');
              await sleep(25);
            }
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
            stoppedAfterMs = Date.now() - signalledAt;
          } finally {
            await writer.close().catch(() => undefined);
          }
        },
      });
      expect(result.code).toBe(code);
      expect(result.stderr).toContain('baton-ilert: interrupted');
      expect(result.stderr).not.toContain('interrupt-token-0123456789');
      expect(stoppedAfterMs).toBeLessThan(2000);
    }, 30_000);
  }
});
