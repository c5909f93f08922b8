import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoData, demoData, GOOD_TOKEN, runDemo } from './test-connector.test-support.js';

const env = { BATON_DEMO_TOKEN: GOOD_TOKEN };
let cwd: string;
let data: DemoData;

async function sync(): Promise<{ code: number; stderr: string }> {
  return runDemo([], { cwd, env, data });
}

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'cli-inspect-'));
  data = demoData();
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('sync', () => {
  it('writes --file (mode 0600) and ends with a one-line summary', async () => {
    const { code, stderr } = await sync();
    expect(code).toBe(0);
    expect(statSync(join(cwd, 'sync.c1z')).mode & 0o777).toBe(0o600);
    const last = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}');
    expect(last.msg).toBe(
      `synced 2 resource types, 5 resources, 2 entitlements, 3 grants in ${last.msg.match(/in (\S+)/)[1]} -> ${join(cwd, 'sync.c1z')}`,
    );
    expect(last).toMatchObject({ resources: 5, grants: 3, file: join(cwd, 'sync.c1z') });
  });

  it('exits 1 with the API message when the sync fails, leaving no file', async () => {
    const { code, stderr } = await runDemo(['--file', 'out.c1z'], { cwd, env: { BATON_DEMO_TOKEN: 'wrong' }, data });
    expect(code).toBe(1);
    expect(stderr).toContain('demo rejected the API token (401)');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(() => statSync(join(cwd, 'out.c1z'))).toThrow();
  });

  it('refuses a corrupt --file with one clear message, for sync and for stats, and keeps it', async () => {
    const file = join(cwd, 'sync.c1z');
    writeFileSync(file, 'C1ZF\x00not zstd at all');
    for (const args of [[], ['stats']]) {
      const { code, stderr } = await runDemo(args, { cwd, env, data });
      expect(code).toBe(2);
      const lines = stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('{'));
      expect(lines).toEqual([expect.stringMatching(/is not a readable c1z file: truncated or corrupt \(--file \/ BATON_FILE\)/)]);
    }
    expect(readFileSync(file, 'utf8')).toBe('C1ZF\x00not zstd at all');
    expect(existsSync(`${file}.work`)).toBe(false);
  });

  it('stops on abort and tells the operator to run again to resume', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const { code, stderr } = await runDemo([], { cwd, env, data, signal: controller.signal });
    expect(code).toBe(143);
    expect(stderr).toContain('sync interrupted; run the same command again to resume');
  });
});

describe('inspect commands', () => {
  beforeEach(async () => {
    expect((await sync()).code).toBe(0);
  });

  it('lists resources as a table and as JSON, filtered by type', async () => {
    const table = await runDemo(['resources', '--output', 'table'], { cwd });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^TYPE\s+ID\s+DISPLAY NAME\s+PARENT$/);
    expect(table.stdout).toMatch(/^user\s+1\s+Ada Lovelace$/m);
    expect(table.stdout).toMatch(/^team\s+901\s+Platform$/m);

    const json = await runDemo(['resources', '--resource-type', 'team'], { cwd });
    const rows = JSON.parse(json.stdout);
    expect(rows.map((row: { id: { resource: string } }) => row.id.resource)).toEqual(['901', '902']);
  });

  it('prints a table on a terminal without --output', async () => {
    const { stdout } = await runDemo(['stats'], { cwd, ttyStdout: true });
    expect(stdout).toMatch(/^OBJECT\s+COUNT$/m);
    expect(stdout).toMatch(/^resources: user\s+3$/m);
    expect(stdout).toMatch(/^grants\s+3$/m);
  });

  it('lists entitlements filtered by resource', async () => {
    const table = await runDemo(['entitlements', '--output', 'table'], { cwd });
    expect(table.stdout).toMatch(/^team:901:member\s+member\s+Platform\s+ASSIGNMENT\s+user$/m);
    const json = await runDemo(['entitlements', '--resource', 'team:902'], { cwd });
    expect(JSON.parse(json.stdout).map((row: { id: string }) => row.id)).toEqual(['team:902:member']);
  });

  it('lists grants filtered by entitlement, resource and principal', async () => {
    const table = await runDemo(['grants', '--output', 'table'], { cwd });
    expect(table.stdout).toMatch(/^team:901:member\s+user:2\s+Grace Hopper/m);
    const ids = async (args: string[]): Promise<string[]> =>
      JSON.parse((await runDemo(['grants', ...args], { cwd })).stdout).map((row: { id: string }) => row.id);
    expect(await ids(['--entitlement', 'team:901:member'])).toEqual(['team:901:member:user:1', 'team:901:member:user:2']);
    expect(await ids(['--resource', 'team:902'])).toEqual(['team:902:member:user:3']);
    expect(await ids(['--principal', 'user:2'])).toEqual(['team:901:member:user:2']);
  });

  it('prints stats as JSON', async () => {
    const { stdout } = await runDemo(['stats'], { cwd });
    expect(JSON.parse(stdout)).toMatchObject({
      type: 'full',
      resourceTypes: 2,
      resources: { user: 3, team: 2 },
      entitlements: 2,
      grants: 3,
    });
  });

  it('exports everything as streamed JSON and as CSV', async () => {
    const json = JSON.parse((await runDemo(['export'], { cwd })).stdout);
    expect(json.resourceTypes).toHaveLength(2);
    expect(json.resources).toHaveLength(5);
    expect(json.entitlements).toHaveLength(2);
    expect(json.grants).toHaveLength(3);

    const csv = (await runDemo(['export', '--format', 'csv'], { cwd })).stdout.split('\r\n');
    expect(csv[0]).toBe('kind,id,resource_type,resource_id,display_name,parent,entitlement_id,principal_type,principal_id');
    expect(csv).toContain('resource,user:1,user,1,Ada Lovelace,,,,');
    expect(csv).toContain('grant,team:902:member:user:3,team,902,Alan Turing,,team:902:member,user,3');
  });

  it('reports bad filters and a missing file as usage errors', async () => {
    const bad = await runDemo(['entitlements', '--resource', 'team'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--resource must be a resource as type:id');
    const missing = await runDemo(['resources', '--file', 'nope.c1z'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no c1z file at');
  });

  it('needs two full syncs to diff, then shows what was created, deleted and modified', async () => {
    const early = await runDemo(['diff'], { cwd });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('diff needs two finished full syncs');

    data.users.push({ id: '4', name: 'Katherine Johnson', email: 'kj@example.com' });
    data.users[0] = { id: '1', name: 'Ada King', email: 'ada@example.com' };
    data.teams[1] = { id: '902', name: 'Support', members: [] };
    expect((await sync()).code).toBe(0);

    const json = JSON.parse((await runDemo(['diff'], { cwd })).stdout);
    expect(json.resources.created).toEqual(['user:4']);
    expect(json.resources.modified).toContain('user:1');
    expect(json.grants.deleted).toEqual(['team:902:member:user:3']);

    const table = await runDemo(['diff', '--output', 'table'], { cwd });
    expect(table.stdout).toMatch(/^created\s+resource\s+user:4$/m);
    expect(table.stdout).toMatch(/^deleted\s+grant\s+team:902:member:user:3$/m);
  });
});
