/**
 * The built `baton-ilert` binary against a hostile server on loopback (the SDK test kit's
 * fixture): paging that cannot be right, data beyond Baton's limits, text holding terminal
 * control sequences. Each must end as an operator can act on: a clear error or a warning,
 * never silent truncation, never a file Baton refuses, never raw control characters.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FAST_RETRY_WAITS,
  cleanFailureProblems,
  dripBody,
  ensureBuilt,
  fileUnchangedBy,
  gzipBombBody,
  jsonBody,
  oversizeBody,
  readLatestSyncContent,
  runConnectorCli,
  startHostileServer,
  TERMINAL_ATTACK,
  type CliRunResult,
  type HostileResponse,
  type HostileRoute,
  type HostileServer,
  type RunConnectorCliOptions,
} from '@c1/connector-sdk/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'ilert-hostile-token-5d2e';
const REPORT_MAX_RSS = pathToFileURL(join(packageDir, 'test', 'report-max-rss.mjs')).href;
const MiB = 1024 * 1024;

/** `count` ilert users with ids from `first`. */
function users(first: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ id: first + i, firstName: `User ${first + i}`, email: `u${first + i}@example.test` }));
}

/** The users page the connector asked for, out of `all`. */
const pageOf =
  (all: Record<string, unknown>[]): HostileRoute =>
  ({ query }) => {
    const start = Number(query.get('start-index') ?? 0);
    return jsonBody(all.slice(start, start + Number(query.get('max-results') ?? 100)));
  };

describe('baton-ilert against a hostile server', () => {
  let dir: string;
  let file: string;
  let server: HostileServer | undefined;

  beforeAll(async () => {
    await ensureBuilt(packageDir);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-ilert-hostile-'));
    file = join(dir, 'sync.c1z');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function sync(
    routes: Record<string, HostileRoute>,
    extra: string[] = [],
    options: RunConnectorCliOptions = {},
  ): Promise<CliRunResult> {
    server = await startHostileServer({ '/api/teams': () => jsonBody([]), ...routes });
    const args = ['--ilert-base-url', `${server.origin}/api`, '-f', file, '--log-level', 'warn', ...extra];
    return runConnectorCli(packageDir, args, { ...options, env: { BATON_ILERT_API_TOKEN: TOKEN } });
  }

  /** A users page that sends its headers at once and then one byte every 200 ms (about 80 s in all). */
  const drippingUsers: HostileRoute = () => dripBody(JSON.stringify(users(1, 4)), { intervalMs: 200 });

  it('fails a request whose body drips past --http-timeout-seconds, naming the endpoint', async () => {
    const started = Date.now();
    // Before the fix the timeout stopped working once the body had started, and the sync hung.
    const result = await sync({ '/api/users': drippingUsers }, ['--http-timeout-seconds', '1'], { preloads: FAST_RETRY_WAITS });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `dripping body, --http-timeout-seconds 1 (timers 50x faster): exit ${result.code} after ${seconds.toFixed(1)} s, ${server?.requests('/api/users')} attempts`,
    );
    expectCleanFailure(result, /ilert GET \/users\S* timed out after 1000 ms/);
    expect(server?.requests('/api/users')).toBeGreaterThan(1); // a timeout is retried
  }, 60_000);

  it('stops on the first SIGINT while a body is dripping', async () => {
    let interruptedAt = 0;
    const result = await sync({ '/api/users': drippingUsers }, [], {
      during: async (child) => {
        while (server?.requests('/api/users') === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        await new Promise((resolve) => setTimeout(resolve, 500)); // the body has started
        interruptedAt = Date.now();
        child.kill('SIGINT');
      },
    });
    console.log(`SIGINT during a dripping body: exit ${result.code} ${Date.now() - interruptedAt} ms after the signal`);
    expectCleanFailure(result, 'baton-ilert: sync interrupted; run the same command again to resume', 130);
  }, 30_000);

  function expectCleanFailure(result: CliRunResult, message: string | RegExp, code = 1): void {
    expect(cleanFailureProblems(result, { binary: 'baton-ilert', code, message, secrets: [TOKEN] }), result.stderr).toEqual([]);
  }

  describe('response bodies past the 64 MiB cap', () => {
    /**
     * Syncs once against a sound users page, then again into the same file with the users page
     * answering `hostile`; returns the second run, its peak RSS in MiB, its users requests and
     * whether the file stayed as the first run left it.
     */
    async function syncTwiceAgainst(
      hostile: HostileResponse,
    ): Promise<{ result: CliRunResult; rssMiB: number; requests: number; unchanged: boolean }> {
      const rssFile = join(dir, 'max-rss');
      let result: CliRunResult | undefined;
      let armed = false;
      const first = await sync({ '/api/users': () => (armed ? hostile : jsonBody(users(1, 3))) });
      expect(first.code, first.stderr).toBe(0);
      const before = server?.requests('/api/users') ?? 0;
      armed = true;
      const unchanged = await fileUnchangedBy(file, async () => {
        const args = ['--ilert-base-url', `${server?.origin}/api`, '-f', file, '--log-level', 'warn'];
        const env = { BATON_ILERT_API_TOKEN: TOKEN, MAX_RSS_FILE: rssFile };
        result = await runConnectorCli(packageDir, args, { env, preloads: [REPORT_MAX_RSS] });
      });
      const rssMiB = Number(await readFile(rssFile, 'utf8')) / MiB;
      return { result: result as CliRunResult, rssMiB, requests: (server?.requests('/api/users') ?? 0) - before, unchanged };
    }

    const TOO_LARGE =
      'ilert GET /users returned a response body larger than 64 MiB, the most this client reads (maxResponseBytes); stopped reading it';

    it('fails a 100 MB users page once with one clear message, keeping the previous file', async () => {
      const { result, rssMiB, requests, unchanged } = await syncTwiceAgainst(oversizeBody(100 * 1000 * 1000));
      console.log(`100 MB body: exit ${result.code}, peak RSS ${rssMiB.toFixed(0)} MiB, ${requests} users request(s)`);
      expectCleanFailure(result, TOO_LARGE);
      expect(unchanged).toBe(true);
      expect(requests).toBe(1); // not retried
      expect(rssMiB).toBeLessThan(400);
    }, 60_000);

    it('stops inflating a gzip bomb near the cap, once, keeping the previous file', async () => {
      const bomb = await gzipBombBody(512 * MiB);
      expect(bomb.chunks[0]?.length).toBeLessThan(MiB);
      const { result, rssMiB, requests, unchanged } = await syncTwiceAgainst(bomb);
      console.log(
        `gzip bomb (${bomb.chunks[0]?.length} bytes inflating to 512 MiB): exit ${result.code}, peak RSS ${rssMiB.toFixed(0)} MiB, ${requests} users request(s)`,
      );
      expectCleanFailure(result, TOO_LARGE);
      expect(unchanged).toBe(true);
      expect(requests).toBe(1);
      expect(rssMiB).toBeLessThan(400); // inflating it whole takes over 1 GiB (bytes and text)
    }, 60_000);
  });

  it('logs a rate-limit wait with its seconds left while it lasts, before the retry', async () => {
    const requestedAt: number[] = [];
    const result = await sync(
      {
        '/api/users': ({ count }) => {
          requestedAt.push(Date.now());
          return count === 1 ? jsonBody({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '3' } }) : jsonBody(users(1, 2));
        },
      },
      ['--log-level', 'info'],
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { time: string; msg: string; secondsLeft?: number; service?: string; reason?: string });
    const countdown = lines.filter((line) => line.secondsLeft !== undefined);
    console.log(
      `429 with Retry-After: 3: ${countdown.map((line) => `${line.time} ${line.msg}`).join(' | ')}; retry sent ${((requestedAt[1] ?? 0) - (requestedAt[0] ?? 0)) / 1000} s after the 429`,
    );
    expect(countdown.map((line) => line.msg)).toEqual(['waiting for the ilert rate limit, 3 s left']);
    expect(countdown[0]).toMatchObject({ service: 'ilert', reason: 'rate-limit', secondsLeft: 3 });
    expect(requestedAt.length).toBeGreaterThanOrEqual(2); // the 429, its retry, then the rest of the sync
    expect(Date.parse(countdown[0]?.time ?? '')).toBeLessThan(requestedAt[1] ?? 0); // shown during the wait, not after it
    expect((requestedAt[1] ?? 0) - (requestedAt[0] ?? 0)).toBeGreaterThanOrEqual(2900);
  }, 30_000);

  it('fails on a users page that repeats the previous one instead of listing it forever', async () => {
    const same = users(1, 100);
    // Before the fix this listed the same page again and again; the server gives up after 50.
    const result = await sync({ '/api/users': ({ count }) => jsonBody(count > 50 ? [] : same) });
    expectCleanFailure(result, 'list user resources: page 2 repeats the previous page (the same 100 items); the API is not advancing');
    expect(server?.requests('/api/users')).toBeLessThan(5);
  });

  it("fits data beyond Baton's limits with a warning instead of aborting the sync or writing a file Baton refuses", async () => {
    const longName = 'é'.repeat(1500); // 3000 UTF-8 bytes; Baton allows 1024
    const listed = [
      { id: 1, firstName: 'Ada', createdAt: '2024-05-01T10:00:00Z' },
      { id: 2, firstName: 'Year Zero', createdAt: '0000-01-01T00:00:00Z' },
      { id: 3, firstName: 'Far Future', createdAt: '+010000-01-01T00:00:00Z' },
      { id: 4, firstName: longName },
    ];
    const result = await sync({ '/api/users': pageOf(listed) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "list user resources (GET /users): user:2 fitted to Baton's limits: createdAt year 0 dropped (outside 0001-9999)",
    );
    expect(result.stderr).toContain("list user resources (GET /users): user:3 fitted to Baton's limits: createdAt year 10000 dropped");
    expect(result.stderr).toContain(
      "list user resources (GET /users): user:4 fitted to Baton's limits: displayName truncated from 3000 to 1024 bytes",
    );
    const content = await readLatestSyncContent(file);
    expect(content.resources).toHaveLength(4);
    const text = content.resources.join('\n');
    expect(text).not.toMatch(/"0000-|\+010000-/);
    expect(text).toContain('2024-05-01T10:00:00.000Z');
    expect(text).toContain(`"displayName":"${'é'.repeat(512)}"`);
  });

  it('still completes a listing whose pages all differ', async () => {
    const result = await sync({ '/api/users': pageOf(users(1, 250)) });
    expect(result.code, result.stderr).toBe(0);
  });

  describe('text that could drive the terminal or a spreadsheet', () => {
    /** Control characters a terminal acts on: C0 except newline, DEL, C1. */
    // eslint-disable-next-line no-control-regex -- these are the characters to find
    const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
    const listed = [
      { id: 1, firstName: `Mallory${TERMINAL_ATTACK}` },
      { id: 2, firstName: '=HYPERLINK("http://evil.test","click")' },
    ];
    const teams = [
      {
        id: 7,
        name: `Ops${TERMINAL_ATTACK}`,
        members: [
          { user: { id: 1 }, role: 'ADMIN' },
          { user: { id: 2 }, role: 'USER' },
        ],
      },
    ];

    it('never prints raw control characters in tables, and fills PRINCIPAL NAME from the file', async () => {
      const synced = await sync({ '/api/users': pageOf(listed), '/api/teams': pageOf(teams) });
      expect(synced.code, synced.stderr).toBe(0);
      const resources = await runConnectorCli(packageDir, ['resources', '-f', file, '--output', 'table']);
      expect(resources.code, resources.stderr).toBe(0);
      expect(resources.stdout).toMatch(/^user {2}1 {3}Mallorysync OK$/m); // the sequences go whole, the text stays
      expect(resources.stdout).not.toMatch(CONTROL);
      const grants = await runConnectorCli(packageDir, ['grants', '-f', file, '--output', 'table']);
      expect(grants.code, grants.stderr).toBe(0);
      expect(grants.stdout).not.toMatch(CONTROL);
      const row = grants.stdout.split('\n').find((line) => line.startsWith('team:7:admin'));
      expect(row).toMatch(/^team:7:admin\s+user:1\s+Mallory/);
      const json = await runConnectorCli(packageDir, ['resources', '-f', file, '--output', 'json']);
      expect(json.stdout).not.toMatch(CONTROL);
      expect(JSON.parse(json.stdout).some((r: { displayName: string }) => r.displayName === `Mallory${TERMINAL_ATTACK}`)).toBe(true);
    });

    it('writes CSV cells that a spreadsheet would run as formulas as plain text', async () => {
      const synced = await sync({ '/api/users': pageOf(listed), '/api/teams': pageOf(teams) });
      expect(synced.code, synced.stderr).toBe(0);
      const csv = await runConnectorCli(packageDir, ['export', '--format', 'csv', '-f', file]);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
      expect(csv.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
    });

    it('strips control characters from an API error message before printing it', async () => {
      const result = await sync({ '/api/users': () => jsonBody({ message: `bad request${TERMINAL_ATTACK}` }, { status: 400 }) });
      expectCleanFailure(result, 'ilert GET /users failed with status 400: bad request');
      expect(result.stderr).not.toMatch(CONTROL);
    });
  });
});
