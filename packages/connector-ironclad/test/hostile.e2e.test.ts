/**
 * The built `baton-ironclad` binary against a hostile SCIM server on loopback (the SDK test
 * kit's fixture): paging that cannot be right must be an error, never a file saying every
 * account past the bad page is gone.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cleanFailureProblems,
  ensureBuilt,
  jsonBody,
  readLatestSyncContent,
  runConnectorCli,
  startHostileServer,
  type CliRunResult,
  type HostileRoute,
  type HostileServer,
} from '@c1/connector-sdk/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AS_USER, CLIENT_ID, CLIENT_SECRET, READ_SCOPES, group, user } from './mock-ironclad.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const ACCESS_TOKEN = 'ic-hostile-access-token-91b2';

/** A SCIM ListResponse. */
function listResponse(resources: readonly unknown[], totalResults: number, startIndex: number): ReturnType<typeof jsonBody> {
  return jsonBody({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    ...(resources.length > 0 && { Resources: resources }),
  });
}

describe('baton-ironclad against a hostile SCIM server', () => {
  let dir: string;
  let file: string;
  let server: HostileServer | undefined;

  beforeAll(async () => {
    await ensureBuilt(packageDir);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-ironclad-hostile-'));
    file = join(dir, 'sync.c1z');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function sync(users: HostileRoute, groups: readonly unknown[] = [group('g1', [1])]): Promise<CliRunResult> {
    server = await startHostileServer({
      '/oauth/token': () => jsonBody({ token_type: 'Bearer', access_token: ACCESS_TOKEN, expires_in: 3600, scope: READ_SCOPES }),
      '/scim/v2/Users': users,
      '/scim/v2/Groups': ({ query }) => listResponse(Number(query.get('count')) === 1 ? groups.slice(0, 1) : groups, groups.length, 1),
    });
    const args = [
      '--ic-base-url',
      server.origin,
      '--ic-client-id',
      CLIENT_ID,
      '--ic-as-user-email',
      AS_USER,
      '-f',
      file,
      '--log-level',
      'warn',
    ];
    return runConnectorCli(packageDir, args, { env: { BATON_IC_CLIENT_SECRET: CLIENT_SECRET } });
  }

  it('fails on an empty Users page before totalResults instead of writing a file missing every later account', async () => {
    const result = await sync(({ query }) => {
      const startIndex = Number(query.get('startIndex') ?? 1);
      const count = Number(query.get('count') ?? 100);
      if (count === 1) return listResponse([user(1)], 5000, 1);
      return startIndex === 1
        ? listResponse(
            Array.from({ length: count }, (_, i) => user(i + 1)),
            5000,
            1,
          )
        : listResponse([], 5000, startIndex);
    });
    const problems = cleanFailureProblems(result, {
      binary: 'baton-ironclad',
      code: 1,
      message: /SCIM page at startIndex \d+ has no Resources though totalResults is 5000/,
      secrets: [CLIENT_SECRET, ACCESS_TOKEN],
    });
    expect(problems, result.stderr).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it("skips a user whose id is over Baton's limit, and the grant naming it, with warnings naming the listing, the endpoint and the record", async () => {
    const longId = 'x'.repeat(1100);
    const listed = [user(1), user(2, { id: longId })];
    const members = {
      ...group('g1', [1]),
      members: [
        { type: 'User', value: user(1).id },
        { type: 'User', value: longId },
      ],
    };
    const result = await sync(({ query }) => listResponse(Number(query.get('count')) === 1 ? listed.slice(0, 1) : listed, 2, 1), [members]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`list user resources (GET /Users): skipped user:${'x'.repeat(95)}`);
    expect(result.stderr).toContain("(1105 bytes): its id is over 1024 bytes, Baton's limit");
    expect(result.stderr).toMatch(
      /list grants of group:g1: skipped group:g1:member:user:x+\.\.\. \(\d+ bytes\): its id is over 1024 bytes/,
    );
    const content = await readLatestSyncContent(file);
    expect(content.resources.filter((line) => line.includes('"resourceType":"user"'))).toHaveLength(1);
    expect(content.grants).toHaveLength(1);
    expect(content.grants.join('')).not.toContain(longId);
  });
});
