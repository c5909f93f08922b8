#!/usr/bin/env node
// Benchmark: the built baton-rudderstack syncs a 10,000-user / 500-group sandbox organization
// over loopback. Prints the requests made against the minimum for the page size the server
// serves, wall time, the CLI's CPU time and peak RSS, and the file size. Run after a build:
// `npm run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUDDERSTACK_MAX_PAGE_SIZE, startSandbox } from '@c1/sandbox';

const here = dirname(fileURLToPath(import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 10_000);
const groups = Number(process.env.BENCH_GROUPS ?? 500);
const pageSize = Number(process.env.BENCH_PAGE_SIZE ?? RUDDERSTACK_MAX_PAGE_SIZE);

const work = mkdtempSync(join(tmpdir(), 'rudderstack-bench-'));
const file = join(work, 'sync.c1z');
const usageFile = join(work, 'usage.json');
const sandbox = await startSandbox({ seed: 7, rudderstack: { users, groups, maxPageSize: pageSize } });
try {
  const { baseUrl, token, org } = sandbox.services.rudderstack;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', join(here, 'report-usage.mjs'), join(here, '..', 'dist', 'main.js'), '--file', file],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: {
        ...process.env,
        BATON_RUDDERSTACK_SCIM_TOKEN: token,
        BATON_RUDDERSTACK_SCIM_BASE_URL: baseUrl,
        BATON_LOG_LEVEL: 'warn',
        C1_BENCH_USAGE_FILE: usageFile,
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`baton-rudderstack exited ${code}:\n${stderr}`);

  // validate probes users and groups once each; each listing ends when totalResults is reached;
  // a group listed without members costs its one GET /Groups/{id}, a group listed with them nothing.
  const omitted = org.groups.filter((group) => group.membersOmittedFromList).length;
  const minimum = 2 + Math.ceil(users / pageSize) + Math.ceil(groups / pageSize) + omitted;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  const counts = sandbox.requestCounts().rudderstack ?? {};
  const listings = Object.fromEntries(Object.entries(counts).filter(([path]) => !path.startsWith('GET /scim/v2/Groups/')));
  const made = sandbox.requestCount('rudderstack');
  console.log(`organization     ${users} users, ${groups} groups (${omitted} listed without members), server page ${pageSize}`);
  console.log(`requests         ${made} (minimum ${minimum}${made === minimum ? ', met' : ', NOT met'}) ${JSON.stringify(listings)} + ${omitted} GET /Groups/{id}`);
  console.log(`wall time        ${(wallMs / 1000).toFixed(2)} s`);
  console.log(`cpu time         ${((usage.userCpuMs + usage.systemCpuMs) / 1000).toFixed(2)} s`);
  console.log(`peak RSS         ${(usage.maxRssKiB / 1024).toFixed(1)} MiB`);
  console.log(`file size        ${statSync(file).size} bytes`);
  if (made !== minimum) process.exitCode = 1;
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
