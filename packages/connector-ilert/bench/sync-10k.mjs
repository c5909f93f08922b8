#!/usr/bin/env node
// Benchmark: the built baton-ilert syncs a 10,000-user / 1,000-team sandbox organization over
// loopback. Prints the requests made (against the minimum the API allows), wall time, the CLI's
// CPU time and peak RSS, and the file size. Run after a build: `npm run bench`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@c1/sandbox';

const here = dirname(fileURLToPath(import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 10_000);
const teams = Number(process.env.BENCH_TEAMS ?? 1_000);
const pageSize = 100;

const work = mkdtempSync(join(tmpdir(), 'ilert-bench-'));
const file = join(work, 'sync.c1z');
const usageFile = join(work, 'usage.json');
const sandbox = await startSandbox({ seed: 7, ilert: { users, teams } });
try {
  const { baseUrl, token } = sandbox.services.ilert;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', join(here, 'report-usage.mjs'), join(here, '..', 'dist', 'main.js'), '--file', file],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, BATON_ILERT_API_TOKEN: token, BATON_ILERT_BASE_URL: baseUrl, BATON_LOG_LEVEL: 'warn', C1_BENCH_USAGE_FILE: usageFile },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`baton-ilert exited ${code}:\n${stderr}`);

  // validate reads one user and one team; each listing ends on its first short page.
  const minimum = 2 + Math.floor(users / pageSize) + 1 + Math.floor(teams / pageSize) + 1;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  const counts = sandbox.requestCounts().ilert ?? {};
  console.log(`organization     ${users} users, ${teams} teams`);
  console.log(`requests         ${sandbox.requestCount('ilert')} (minimum ${minimum}) ${JSON.stringify(counts)}`);
  console.log(`wall time        ${(wallMs / 1000).toFixed(2)} s`);
  console.log(`cpu time         ${((usage.userCpuMs + usage.systemCpuMs) / 1000).toFixed(2)} s`);
  console.log(`peak RSS         ${(usage.maxRssKiB / 1024).toFixed(1)} MiB`);
  console.log(`file size        ${statSync(file).size} bytes`);
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
