/**
 * The plumbing of a connector's end-to-end tests: a fake API started on loopback, a temporary
 * directory holding the sync's c1z file, and the built CLI run against the fake the way an
 * operator would run it. It depends on no test framework: start it in `beforeAll`, close it in
 * `afterAll`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openC1zReader } from '../c1z/open.js';
import type { C1zReader } from '../c1z/store-types.js';
import { cleanFailureProblems, fileUnchangedBy, secretsShown } from './cli-failure.js';
import { ensureBuilt, runConnectorCli, type CliRunResult, type RunConnectorCliOptions } from './connector-cli.js';

/** The preload that runs a CLI's retry and rate-limit waits 50 times faster (the real budgets, a quicker clock). */
export const FAST_RETRY_WAITS: readonly string[] = ['@c1/connector-sdk/testing/fast-retry-waits'];

/** A fake API the fixture can stop. */
export interface ClosableFake {
  close(): Promise<void>;
}

/** What {@link startE2eFixture} takes: how to start the fake and how the CLI syncs from it. */
export interface E2eFixtureOptions<F extends ClosableFake> {
  /** The connector package directory; its `dist/main.js` is built when stale, then run. */
  packageDir: string;
  /** `baton-<name>`: the prefix of the CLI's message lines. */
  binary: string;
  /** Starts the fake API. */
  startFake: () => Promise<F>;
  /** The flags of a sync from `fake` into `file`, without `--log-level`. */
  syncArgs: (fake: F, file: string) => string[];
  /** The environment of a sync (its credentials). */
  syncEnv: (fake: F) => Record<string, string>;
  /** Values that must never be printed (the fake's credentials); more can be pushed on {@link E2eFixture.secrets}. */
  secrets: (fake: F) => string[];
}

/** How {@link E2eFixture.sync} runs one sync. */
export interface E2eSyncOptions extends RunConnectorCliOptions {
  /** `--log-level`; default `'warn'`; `false` passes none. */
  logLevel?: string | false;
}

/** A running fake, its c1z file and the CLI to run against it. */
export interface E2eFixture<F extends ClosableFake> {
  readonly fake: F;
  /** The temporary directory the file is in; removed by `close`. */
  readonly dir: string;
  /** The sync's `--file`. */
  readonly file: string;
  /** Values a run must never print; push a test's own wrong credentials here. */
  readonly secrets: string[];
  /** Runs the CLI with `args` (nothing added). */
  run(args: readonly string[], options?: RunConnectorCliOptions): Promise<CliRunResult>;
  /** Runs a sync from the fake into `file`; `options.env` is merged over the sync's own environment. */
  sync(options?: E2eSyncOptions): Promise<CliRunResult>;
  /** What keeps `result` from being a clean failure with `code` and `message` (see `cleanFailureProblems`). */
  failureProblems(result: CliRunResult, code: number, message: string | RegExp): string[];
  /** Which secrets `result` printed, as problem descriptions. */
  secretsShown(result: CliRunResult): string[];
  /** Runs `action` and says whether `file` is byte-identical afterwards. */
  fileUnchangedBy(action: () => Promise<void>): Promise<boolean>;
  /** Stops the fake and removes the directory. */
  close(): Promise<void>;
}

/** Builds the CLI if stale, starts the fake and makes the directory the sync's file goes in. */
export async function startE2eFixture<F extends ClosableFake>(options: E2eFixtureOptions<F>): Promise<E2eFixture<F>> {
  await ensureBuilt(options.packageDir);
  const fake = await options.startFake();
  const dir = await mkdtemp(join(tmpdir(), `${options.binary}-`));
  const file = join(dir, 'sync.c1z');
  const secrets = options.secrets(fake);
  const run = (args: readonly string[], runOptions: RunConnectorCliOptions = {}) => runConnectorCli(options.packageDir, args, runOptions);
  return {
    fake,
    dir,
    file,
    secrets,
    run,
    sync({ logLevel = 'warn', env, ...runOptions }: E2eSyncOptions = {}) {
      const level = logLevel === false ? [] : ['--log-level', logLevel];
      return run([...options.syncArgs(fake, file), ...level], { ...runOptions, env: { ...options.syncEnv(fake), ...env } });
    },
    failureProblems: (result, code, message) => cleanFailureProblems(result, { binary: options.binary, code, message, secrets }),
    secretsShown: (result) => secretsShown(result, secrets),
    fileUnchangedBy: (action) => fileUnchangedBy(file, action),
    async close() {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The latest finished sync of a c1z file, open for reading. */
export interface OpenedSync {
  reader: C1zReader;
  syncId: string;
}

/** Opens `file` and finds its latest finished sync; throws (closing the reader) when it holds none. */
export async function openLatestSync(file: string): Promise<OpenedSync> {
  const reader = await openC1zReader(file);
  const latest = reader.latestFinishedSync();
  if (!latest) {
    reader.close();
    throw new Error(`${file} holds no finished sync`);
  }
  return { reader, syncId: latest.syncId };
}
