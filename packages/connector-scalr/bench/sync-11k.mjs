#!/usr/bin/env node
// Benchmark: the built baton-scalr syncs a sandbox account of 10,000 users and 1,000 service
// accounts over loopback. Prints the requests made against the minimum the API allows at its
// largest page size, wall time, the CLI's CPU time and peak RSS, and the file size.
// Run after a build: `npm run bench`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measuredRunLines, runMeasuredCli, SCALR_MAX_PAGE_SIZE, startSandbox } from '@c1/sandbox';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 10_000);
const serviceAccounts = Number(process.env.BENCH_SERVICE_ACCOUNTS ?? 1_000);

const work = mkdtempSync(join(tmpdir(), 'scalr-bench-'));
const file = join(work, 'sync.c1z');
const sandbox = await startSandbox({ seed: 7, scalr: { users, serviceAccounts } });
try {
  const { account, baseUrl, token } = sandbox.services.scalr;
  const run = await runMeasuredCli({
    packageDir,
    binary: 'baton-scalr',
    args: ['--file', file],
    env: { BATON_SCALR_ACCOUNT: account, BATON_SCALR_API_TOKEN: token, BATON_SCALR_BASE_URL: baseUrl, BATON_LOG_LEVEL: 'warn' },
  });

  // One account lookup, validate's two one-item probes, then every page of 100; the last page
  // says next-page: null, so an exact multiple of 100 needs no empty page after it.
  const pages = (count) => Math.max(1, Math.ceil(count / SCALR_MAX_PAGE_SIZE));
  const minimum = 1 + 2 + pages(users) + pages(serviceAccounts);
  console.log(`account          ${users} users, ${serviceAccounts} service accounts`);
  console.log(
    `requests         ${sandbox.requestCount('scalr')} (minimum ${minimum}) ${JSON.stringify(sandbox.requestCounts().scalr ?? {})}`,
  );
  for (const line of measuredRunLines(run)) console.log(line);
  console.log(`file size        ${statSync(file).size} bytes`);
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
