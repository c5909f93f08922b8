#!/usr/bin/env node
// Benchmark: the built baton-rudderstack syncs a 10,000-user / 500-group sandbox organization
// over loopback. Prints the requests made against the minimum for the page size the server
// serves, wall time, the CLI's CPU time and peak RSS, and the file size. Run after a build:
// `npm run bench`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measuredRunLines, RUDDERSTACK_MAX_PAGE_SIZE, runMeasuredCli, startSandbox } from '@c1/sandbox';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 10_000);
const groups = Number(process.env.BENCH_GROUPS ?? 500);
const pageSize = Number(process.env.BENCH_PAGE_SIZE ?? RUDDERSTACK_MAX_PAGE_SIZE);

const work = mkdtempSync(join(tmpdir(), 'rudderstack-bench-'));
const file = join(work, 'sync.c1z');
const sandbox = await startSandbox({ seed: 7, rudderstack: { users, groups, maxPageSize: pageSize } });
try {
  const { baseUrl, token, org } = sandbox.services.rudderstack;
  const run = await runMeasuredCli({
    packageDir,
    binary: 'baton-rudderstack',
    args: ['--file', file],
    env: { BATON_RUDDERSTACK_SCIM_TOKEN: token, BATON_RUDDERSTACK_SCIM_BASE_URL: baseUrl, BATON_LOG_LEVEL: 'warn' },
  });

  // validate probes users and groups once each; each listing ends when totalResults is reached;
  // a group listed without members costs its one GET /Groups/{id}, a group listed with them nothing.
  const omitted = org.groups.filter((group) => group.membersOmittedFromList).length;
  const minimum = 2 + Math.ceil(users / pageSize) + Math.ceil(groups / pageSize) + omitted;
  const counts = sandbox.requestCounts().rudderstack ?? {};
  const listings = Object.fromEntries(Object.entries(counts).filter(([path]) => !path.startsWith('GET /scim/v2/Groups/')));
  const made = sandbox.requestCount('rudderstack');
  console.log(`organization     ${users} users, ${groups} groups (${omitted} listed without members), server page ${pageSize}`);
  console.log(
    `requests         ${made} (minimum ${minimum}${made === minimum ? ', met' : ', NOT met'}) ${JSON.stringify(listings)} + ${omitted} GET /Groups/{id}`,
  );
  for (const line of measuredRunLines(run)) console.log(line);
  console.log(`file size        ${statSync(file).size} bytes`);
  if (made !== minimum) process.exitCode = 1;
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
