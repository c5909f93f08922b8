import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncStore } from '../c1z/index.js';
import { defineResourceType, userResource } from '../model/builders.js';
import { startE2eFixture, openLatestSync, type E2eFixture } from './e2e-fixture.js';
import { stormThenResume } from './fault-suite.js';
import { readLatestSyncContent } from './sync-content.js';

/**
 * A stand-in connector CLI: by BATON_FAKE_MODE it copies BATON_FAKE_SOURCE to `-f` (saying
 * "(resumed)" when BATON_FAKE_RESUMED is set), fails cleanly, or fails after writing over the file.
 */
const FAKE_CLI = `
const { copyFileSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
const file = args[args.indexOf('-f') + 1];
const mode = process.env.BATON_FAKE_MODE;
process.stderr.write(JSON.stringify({ msg: 'args', args }) + '\\n');
if (mode === 'fail') { process.stderr.write('baton-fake: GET /users failed with status 503\\n'); process.exit(1); }
if (mode === 'clobber') { writeFileSync(file, 'half'); process.stderr.write('baton-fake: broke\\n'); process.exit(1); }
copyFileSync(process.env.BATON_FAKE_SOURCE, file);
if (process.env.BATON_FAKE_RESUMED) process.stderr.write('sync finished (resumed)\\n');
`;

const user = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });

/** Writes a c1z file holding one finished sync of the named users. */
async function writeSync(file: string, names: string[]): Promise<void> {
  const store = await openSyncStore(file);
  const syncId = store.startSync();
  store.putResourceTypes(syncId, [user]);
  store.putResources(
    syncId,
    names.map((name) => userResource({ type: user, id: name, displayName: name })),
  );
  store.endSync(syncId);
  await store.finish();
}

/** The fake API: its mode and source become the CLI's environment at each run. */
interface FakeApi {
  mode: 'copy' | 'fail' | 'clobber';
  source: string;
  resumed: boolean;
  closed: boolean;
  close(): Promise<void>;
}

let root: string;
let packageDir: string;
let sources: { one: string; two: string };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'e2e-fixture-'));
  packageDir = join(root, 'connector');
  await mkdir(join(packageDir, 'dist'), { recursive: true });
  await mkdir(join(packageDir, 'src'));
  await writeFile(join(packageDir, 'dist', 'main.js'), FAKE_CLI);
  sources = { one: join(root, 'one.c1z'), two: join(root, 'two.c1z') };
  await writeSync(sources.one, ['ada']);
  await writeSync(sources.two, ['ada', 'bob']);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fixture(): Promise<E2eFixture<FakeApi>> {
  return startE2eFixture<FakeApi>({
    packageDir,
    binary: 'baton-fake',
    startFake: async () => {
      const fake: FakeApi = {
        mode: 'copy',
        source: sources.one,
        resumed: false,
        closed: false,
        close: async () => {
          fake.closed = true;
        },
      };
      return fake;
    },
    syncArgs: (_fake, file) => ['-f', file],
    syncEnv: (fake) => ({
      BATON_FAKE_MODE: fake.mode,
      BATON_FAKE_SOURCE: fake.source,
      ...(fake.resumed && { BATON_FAKE_RESUMED: '1' }),
      BATON_FAKE_TOKEN: 'fake-token-123',
    }),
    secrets: () => ['fake-token-123'],
  });
}

describe('startE2eFixture', () => {
  it('runs a sync into its file with the sync flags, --log-level and credentials, and cleans up on close', async () => {
    const fx = await fixture();
    const result = await fx.sync({ env: { BATON_EXTRA: 'x' } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stderr.split('\n')[0] ?? '')).toEqual({ msg: 'args', args: ['-f', fx.file, '--log-level', 'warn'] });
    const { reader, syncId } = await openLatestSync(fx.file);
    expect(reader.stats(syncId).resources).toEqual({ user: 1 });
    reader.close();
    const bare = await fx.sync({ logLevel: false });
    expect(bare.stderr).toContain(`"args":["-f",${JSON.stringify(fx.file)}]`);
    await fx.close();
    expect(fx.fake.closed).toBe(true);
    expect(existsSync(fx.dir)).toBe(false);
  });

  it('judges a failure and the secrets a run printed', async () => {
    const fx = await fixture();
    try {
      fx.fake.mode = 'fail';
      const failed = await fx.sync();
      expect(fx.failureProblems(failed, 1, 'GET /users failed with status 503')).toEqual([]);
      expect(fx.failureProblems(failed, 2, 'other')).toHaveLength(2);
      fx.secrets.push('GET /users');
      expect(fx.secretsShown(failed)).toEqual(['a secret (10 characters) was printed']);
    } finally {
      await fx.close();
    }
  });

  it('refuses a file without a finished sync when opening the latest one', async () => {
    const empty = join(root, 'empty.c1z');
    await writeFile(empty, '');
    await expect(openLatestSync(empty)).rejects.toThrow();
  });
});

describe('stormThenResume', () => {
  it('finds no problem when the storm keeps the file and the next run resumes to the same content', async () => {
    const fx = await fixture();
    try {
      await fx.sync();
      const expected = await readLatestSyncContent(fx.file);
      const outcome = await stormThenResume(fx, {
        storm: {},
        countRequests: () => fx.fake.mode,
        clearFaults: () => Object.assign(fx.fake, { mode: 'copy', resumed: true }),
        expected,
      });
      expect(outcome.problems).toEqual([]);
      expect(outcome.requests).toBe('copy');
    } finally {
      await fx.close();
    }
  });

  it('reports a storm that changed the file, a run that did not resume, and other content', async () => {
    const fx = await fixture();
    try {
      await fx.sync();
      const expected = await readLatestSyncContent(fx.file);
      fx.fake.mode = 'clobber';
      const outcome = await stormThenResume(fx, {
        storm: {},
        countRequests: () => fx.fake.mode,
        clearFaults: () => Object.assign(fx.fake, { mode: 'copy', source: sources.two }),
        expected,
      });
      expect(outcome.requests).toBe('clobber');
      expect(fx.failureProblems(outcome.storm, 1, 'broke')).toEqual([]);
      expect(outcome.problems).toEqual([
        'the failed run changed the previous file',
        'the next run did not log that it resumed',
        "the file's resources differ from the expected: 0 missing, 1 not expected, 2 of 1",
      ]);
    } finally {
      await fx.close();
    }
  });
});
