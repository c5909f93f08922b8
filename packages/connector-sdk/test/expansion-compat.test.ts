/**
 * Expansion proof against Baton itself: a small connector written with baton-sdk v0.25's
 * connectorbuilder (compat/fixtureconnector) and the TypeScript engine sync the same directories
 * (test/fixtures/expansion-graphs.json: nested groups with and without a cycle, shallow and
 * resource-type filtered expandable grants, three principal types). baton-sdk's reader
 * (compat/main.go) prints both files; every resource, entitlement and grant must be equal,
 * sources and annotations included.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncStore } from '../src/c1z/index.js';
import { annotation, type UnknownAnnotation } from '../src/model/annotations.js';
import { defineResourceType, entitlement, grant, groupResource, roleResource, userResource } from '../src/model/builders.js';
import type { Entitlement, Resource, ResourceType } from '../src/model/types.js';
import { runSync } from '../src/sync/engine.js';
import { fakeConnector } from '../src/sync/fixtures.test-support.js';
import { fakeClock } from '../src/testing/fake-clock.js';

const here = dirname(fileURLToPath(import.meta.url));
const compatDir = join(here, '..', 'compat');
const fixturePath = join(here, 'fixtures', 'expansion-graphs.json');
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasGo) console.warn('expansion-compat: skipped because `go` is not on PATH (install Go 1.25+ to run it)');

interface Member {
  principal: string;
  expand?: { shallow?: boolean; resourceTypeIds?: string[] };
}
interface Scenario {
  etags?: boolean;
  groups: Record<string, Member[]>;
  roles: Record<string, Member[]>;
}
interface Fixture {
  users: string[];
  bots: string[];
  scenarios: Record<string, Scenario>;
}
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Dump {
  resourceTypes: Json[];
  resources: Json[];
  entitlements: Json[];
  grants: Json[];
}

const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture;
const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const botType = defineResourceType({ id: 'bot', displayName: 'Bot', traits: ['USER'] });
const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });
const roleType = defineResourceType({ id: 'role', displayName: 'Role', traits: ['ROLE'] });
const slugOf: Record<string, string> = { group: 'member', role: 'assigned' };

/** A `c1.connector.v2.ETag{value = 1}`, a type this SDK does not model, as Baton's connectors wrote it. */
function etag(value: string): UnknownAnnotation {
  const text = Buffer.from(value);
  const message = Buffer.concat([Buffer.from([0x0a, text.length]), text]);
  return { $type: 'unknown', typeUrl: 'type.googleapis.com/c1.connector.v2.ETag', value: message.toString('base64') };
}

/** The connector compat/fixtureconnector is, written with this SDK. */
function connectorFor(scenario: Scenario) {
  const byKey = new Map<string, Resource>();
  const add = (r: Resource): Resource => (byKey.set(`${r.id.resourceType}:${r.id.resource}`, r), r);
  const users = fixture.users.map((id) =>
    add(userResource({ type: userType, id, displayName: id, user: { emails: [{ address: `${id}@example.com`, isPrimary: true }] } })),
  );
  const bots = fixture.bots.map((id) => add(userResource({ type: botType, id, displayName: id, user: { accountType: 'SERVICE' } })));
  const groups = Object.keys(scenario.groups)
    .sort()
    .map((id) => add(groupResource({ type: groupType, id, displayName: id })));
  const roles = Object.keys(scenario.roles)
    .sort()
    .map((id) => add(roleResource({ type: roleType, id, displayName: id })));
  const entitlementOf = (r: Resource): Entitlement => {
    const slug = slugOf[r.id.resourceType]!;
    return entitlement({
      resource: r,
      slug,
      purpose: 'ASSIGNMENT',
      displayName: `${r.displayName} ${slug}`,
      description: `${slug} of ${r.displayName}`,
      grantableTo: [userType, botType, groupType] as ResourceType[],
    });
  };
  const grantsOf = (members: Record<string, Member[]>) => (r: Resource) =>
    members[r.id.resource]!.map((m) => {
      const [type, id] = m.principal.split(':') as [string, string];
      // As baton-sdk's grant.NewGrant: the grant names its entitlement by id and resource only.
      const { id: entitlementId, resource } = entitlementOf(r);
      const named: Entitlement = {
        id: entitlementId,
        resource,
        displayName: '',
        grantableTo: [],
        annotations: [],
        purpose: 'UNSPECIFIED',
        slug: '',
      };
      return grant({
        entitlement: named,
        principal: { resourceType: type, resource: id },
        annotations: [
          ...(m.expand
            ? [
                annotation('c1.connector.v2.GrantExpandable', {
                  entitlementIds: [`${m.principal}:${slugOf[type]}`],
                  ...(m.expand.shallow !== undefined && { shallow: m.expand.shallow }),
                  ...(m.expand.resourceTypeIds && { resourceTypeIds: m.expand.resourceTypeIds }),
                }),
              ]
            : []),
          ...(scenario.etags ? [etag(`etag-${m.principal}`)] : []),
        ],
      });
    });
  return fakeConnector([
    { type: userType, resources: users },
    { type: botType, resources: bots },
    { type: groupType, resources: groups, entitlements: (r) => [entitlementOf(r)], grants: grantsOf(scenario.groups) },
    { type: roleType, resources: roles, entitlements: (r) => [entitlementOf(r)], grants: grantsOf(scenario.roles) },
  ]);
}

function sortedBy(items: Json[], key: (item: { [k: string]: Json }) => string): Json[] {
  return [...items].sort((a, b) => {
    const x = key(a as { [k: string]: Json });
    const y = key(b as { [k: string]: Json });
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
const idOf = (item: { [k: string]: Json }): string => JSON.stringify(item.id);

describe.skipIf(!hasGo)('grant expansion matches baton-sdk v0.25 (Go)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'expansion-compat-'));
    execFileSync('go', ['build', '-mod=readonly', '-o', join(dir, 'c1zdump'), '.'], { cwd: compatDir, stdio: 'pipe' });
    execFileSync('go', ['build', '-mod=readonly', '-o', join(dir, 'fixtureconnector'), './fixtureconnector'], {
      cwd: compatDir,
      stdio: 'pipe',
    });
  }, 900_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const dump = (path: string): Dump => JSON.parse(execFileSync(join(dir, 'c1zdump'), [path], { encoding: 'utf8' })) as Dump;

  it.each(Object.keys(fixture.scenarios))(
    'scenario %s: the same resources, entitlements and grants',
    async (name) => {
      const goFile = join(dir, `${name}.go.c1z`);
      execFileSync(
        join(dir, 'fixtureconnector'),
        ['--fixture', fixturePath, '--scenario', name, '--file', goFile, '--storage-engine', 'sqlite', '--log-level', 'error'],
        { cwd: dir, stdio: 'pipe', env: { ...process.env, HOME: dir } },
      );
      const tsFile = join(dir, `${name}.ts.c1z`);
      const store = await openSyncStore(tsFile);
      await runSync({ connector: connectorFor(fixture.scenarios[name]!), store, timing: fakeClock() });
      await store.finish();

      const go = dump(goFile);
      const ts = dump(tsFile);
      expect(sortedBy(ts.resourceTypes, idOf)).toEqual(sortedBy(go.resourceTypes, idOf));
      expect(sortedBy(ts.resources, idOf)).toEqual(sortedBy(go.resources, idOf));
      expect(sortedBy(ts.entitlements, idOf)).toEqual(sortedBy(go.entitlements, idOf));
      expect(sortedBy(ts.grants, idOf)).toEqual(sortedBy(go.grants, idOf));
      const derived = go.grants.filter((g) => JSON.stringify(g).includes('GrantImmutable')).length;
      console.info(`expansion-compat ${name}: ${go.grants.length} grants, ${derived} derived by expansion`);
      expect(derived).toBeGreaterThan(0);
    },
    120_000,
  );
});
