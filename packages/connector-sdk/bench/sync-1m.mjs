/**
 * Benchmark: a synthetic 1,000,000-grant sync through the real engine into a real c1z file.
 * `npm run bench` runs it (via compare.mjs) at three sizes beside the raw SQLite floor; alone,
 * `node --optimize-for-size bench/sync-1m.mjs` (the SDK's
 * SYNC_NODE_FLAGS) after `npx tsup` prints one run's figures as JSON.
 * Sizes: BENCH_USERS (default 100000), BENCH_GROUPS (1000), BENCH_MEMBERS (1000 per group),
 * BENCH_WORKERS (4). BENCH_OUT, when set, is where the c1z file is written and kept.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSyncStore } from '../dist/c1z/index.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../dist/index.js';
import { runSync } from '../dist/internals.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 1_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const PAGE = 500;

const userType = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const groupType = defineResourceType({ id: 'group', displayName: 'Group', traits: ['GROUP'] });

/** Serves `count` generated items in pages of PAGE with offset tokens. */
function page(pageToken, count, make) {
  const offset = pageToken === '' ? 0 : Number(pageToken);
  const end = Math.min(offset + PAGE, count);
  const items = [];
  for (let i = offset; i < end; i++) items.push(make(i));
  return Promise.resolve(end < count ? { items, nextPageToken: String(end) } : { items });
}

const connector = {
  metadata: { displayName: 'Synthetic' },
  validate: async () => [{ name: 'synthetic' }],
  resourceSyncers: [
    {
      resourceType: userType,
      list: ({ pageToken }) =>
        page(pageToken, USERS, (i) =>
          userResource({
            type: userType,
            id: i + 1,
            displayName: `User ${i + 1}`,
            user: { login: `user${i + 1}`, emails: [{ address: `user${i + 1}@example.com`, isPrimary: true }] },
          }),
        ),
    },
    {
      resourceType: groupType,
      list: ({ pageToken }) =>
        page(pageToken, GROUPS, (i) => groupResource({ type: groupType, id: `g${i + 1}`, displayName: `Group ${i + 1}` })),
      entitlements: (group, { pageToken }) =>
        page(pageToken, 1, () => entitlement({ resource: group, slug: 'member', purpose: 'ASSIGNMENT' })),
      grants: (group, { pageToken }) => {
        const index = Number(group.id.resource.slice(1)) - 1;
        const member = { resource: group, slug: 'member' };
        return page(pageToken, MEMBERS, (i) =>
          grant({ entitlement: member, principal: { resourceType: 'user', resource: String(((index * 7919 + i) % USERS) + 1) } }),
        );
      },
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
const path = join(dir, 'sync.c1z');
try {
  const startRssMiB = Number((process.memoryUsage().rss / 1024 / 1024).toFixed(1));
  const cpuStart = process.cpuUsage();
  const startedAt = performance.now();
  const store = await openSyncStore(path);
  let lastPhase = '';
  const summary = await runSync({
    connector,
    store,
    workers: WORKERS,
    onProgress: (event) => {
      if (event.phase !== lastPhase) {
        lastPhase = event.phase;
        process.stderr.write(`  ${((performance.now() - startedAt) / 1000).toFixed(1)}s ${event.phase}\n`);
      }
    },
  });
  const syncedAt = performance.now();
  await store.finish();
  const finishedAt = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  const objects = summary.resourceTypes + summary.resources + summary.entitlements + summary.grants;
  const seconds = (finishedAt - startedAt) / 1000;
  const figures = {
    resources: summary.resources,
    entitlements: summary.entitlements,
    grants: summary.grants,
    workers: WORKERS,
    syncSeconds: Number(((syncedAt - startedAt) / 1000).toFixed(2)),
    finishSeconds: Number(((finishedAt - syncedAt) / 1000).toFixed(2)),
    objectsPerSecond: Math.round(objects / seconds),
    startRssMiB,
    peakRssMiB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    objectsPerCpuSecond: Math.round(objects / ((cpu.user + cpu.system) / 1e6)),
    fileBytes: statSync(path).size,
  };
  console.log(JSON.stringify(figures, null, 2));
  if (process.env.BENCH_OUT) copyFileSync(path, process.env.BENCH_OUT);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
