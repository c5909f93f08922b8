/**
 * Helpers for the fault tests: run the built binary as an operator would (optionally with the
 * retry waits sped up), arm a sandbox fault at a chosen request, interrupt a run, and read a
 * c1z file's latest sync as comparable data.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openC1zReader } from '@c1/connector-sdk';
import type { FaultOptions, Sandbox, SandboxServiceName } from '@c1/sandbox';

const execFileAsync = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = join(packageDir, 'dist', 'main.js');
/** Preload that runs the CLI's 0.5-60 s timers 50 times faster (see the file). */
const fastRetryWaits = join(packageDir, 'test', 'fast-retry-waits.mjs');

/** How one run of the binary ended. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the binary. */
export interface RunOptions {
  /** BATON_* variables (the parent's BATON_* variables are never passed on). */
  env?: Record<string, string>;
  /** Preload {@link fastRetryWaits} so retry budgets run out in seconds. */
  fast?: boolean;
  /** Called with the running child, e.g. to arm a fault or send a signal at the right moment. */
  during?: (child: { kill(signal: NodeJS.Signals): boolean }) => Promise<void>;
}

/** Builds dist/ when it is missing or older than a source file. */
export async function ensureBuilt(): Promise<void> {
  const built = existsSync(mainJs) ? (await stat(mainJs)).mtimeMs : 0;
  const sources = await readdir(join(packageDir, 'src'));
  const newest = Math.max(...(await Promise.all(sources.map(async (f) => (await stat(join(packageDir, 'src', f))).mtimeMs))));
  if (newest > built) await execFileAsync(join(packageDir, 'node_modules', '.bin', 'tsup'), [], { cwd: packageDir });
}

/** Runs `node dist/main.js ...args` with a clean BATON_* environment and collects its output. */
export function runBinary(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => !entry[0].startsWith('BATON_') && entry[1] !== undefined),
  );
  const nodeArgs = [...(options.fast ? ['--import', fastRetryWaits] : []), mainJs, ...args];
  const child = spawn(process.execPath, nodeArgs, { cwd: packageDir, env: { ...inherited, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const during = options.during?.(child) ?? Promise.resolve();
  return Promise.all([exited, during]).then(([code]) => ({ code, stdout, stderr }));
}

/** Resolves once `count()` reaches `target`; rejects after `timeoutMs`. */
export async function waitForCount(count: () => number, target: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < target) {
    if (Date.now() > deadline) throw new Error(`request count stayed at ${count()}, expected ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Makes `faults` hit exactly the `nth` request to `endpoint` (`GET /users`) of one service, and
 * every request after it, counted from now. The sandbox counts a request when it arrives and
 * picks its fault only after the latency, so a latency holds the nth request while the new
 * faults (latency off) are armed. Returns the `during` hook for {@link runBinary}.
 */
export function armAt(sandbox: Sandbox, service: SandboxServiceName, endpoint: string, nth: number, faults: FaultOptions) {
  const start = sandbox.requestCount(service, endpoint);
  sandbox.setFaults({ latencyMs: 300 }, service);
  return async (): Promise<void> => {
    await waitForCount(() => sandbox.requestCount(service, endpoint), start + nth);
    sandbox.setFaults(faults, service);
  };
}

/** The lines an operator reads on stderr: everything but the JSON log lines. */
export function messageLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
}

/** Every resource, entitlement and grant of the file's latest finished sync, sorted by id. */
export async function latestSyncContent(file: string): Promise<{ resources: string[]; entitlements: string[]; grants: string[] }> {
  const reader = await openC1zReader(file);
  try {
    const syncId = reader.latestFinishedSync()?.syncId;
    if (syncId === undefined) throw new Error(`${file} holds no finished sync`);
    const sorted = (items: Iterable<unknown>): string[] => [...items].map((item) => JSON.stringify(item)).sort();
    return {
      resources: sorted(reader.resources({ syncId })),
      entitlements: sorted(reader.entitlements({ syncId })),
      grants: sorted(reader.grants({ syncId })),
    };
  } finally {
    reader.close();
  }
}
