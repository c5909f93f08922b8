#!/usr/bin/env node
// Benchmark: the built baton-scalr syncs a sandbox account of 10,000 users and 1,000 service
// accounts over loopback. Prints the requests made against the minimum the API allows at its
// largest page size, wall time, the CLI's CPU time and peak RSS, and the file size.
// Run after a build: `npm run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALR_MAX_PAGE_SIZE, startSandbox } from '@c1/sandbox';

const here = dirname(fileURLToPath(import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 10_000);
const serviceAccounts = Number(process.env.BENCH_SERVICE_ACCOUNTS ?? 1_000);

const work = mkdtempSync(join(tmpdir(), 'scalr-bench-'));
const file = join(work, 'sync.c1z');
const usageFile = join(work, 'usage.json');
const sandbox = await startSandbox({ seed: 7, scalr: { users, serviceAccounts } });
try {
  const { account, baseUrl, token } = sandbox.services.scalr;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', join(here, 'report-usage.mjs'), join(here, '..', 'dist', 'main.js'), '--file', file],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: {
        ...process.env,
        BATON_SCALR_ACCOUNT: account,
        BATON_SCALR_API_TOKEN: token,
        BATON_SCALR_BASE_URL: baseUrl,
        BATON_LOG_LEVEL: 'warn',
        C1_BENCH_USAGE_FILE: usageFile,
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`baton-scalr exited ${code}:\n${stderr}`);

  // One account lookup, validate's two one-item probes, then every page of 100; the last page
  // says next-page: null, so an exact multiple of 100 needs no empty page after it.
  const pages = (count) => Math.max(1, Math.ceil(count / SCALR_MAX_PAGE_SIZE));
  const minimum = 1 + 2 + pages(users) + pages(serviceAccounts);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  console.log(`account          ${users} users, ${serviceAccounts} service accounts`);
  console.log(`requests         ${sandbox.requestCount('scalr')} (minimum ${minimum}) ${JSON.stringify(sandbox.requestCounts().scalr ?? {})}`);
  console.log(`wall time        ${(wallMs / 1000).toFixed(2)} s`);
  console.log(`cpu time         ${((usage.userCpuMs + usage.systemCpuMs) / 1000).toFixed(2)} s`);
  console.log(`peak RSS         ${(usage.maxRssKiB / 1024).toFixed(1)} MiB`);
  console.log(`file size        ${statSync(file).size} bytes`);
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
