#!/usr/bin/env node
// Benchmark: the built baton-ilert syncs a 10,000-user / 1,000-team sandbox organization over
// loopback. Prints the requests made (against the minimum the API allows), wall time, the CLI's
// CPU time and peak RSS, and the file size. Run after a build: `npm run bench`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measuredRunLines, runMeasuredCli, startSandbox } from '@c1/sandbox';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 10_000);
const teams = Number(process.env.BENCH_TEAMS ?? 1_000);
const pageSize = 100;

const work = mkdtempSync(join(tmpdir(), 'ilert-bench-'));
const file = join(work, 'sync.c1z');
const sandbox = await startSandbox({ seed: 7, ilert: { users, teams } });
try {
  const { baseUrl, token } = sandbox.services.ilert;
  const run = await runMeasuredCli({
    packageDir,
    binary: 'baton-ilert',
    args: ['--file', file],
    env: { BATON_ILERT_API_TOKEN: token, BATON_ILERT_BASE_URL: baseUrl, BATON_LOG_LEVEL: 'warn' },
  });

  // validate reads one user and one team; each listing ends on its first short page.
  const minimum = 2 + Math.floor(users / pageSize) + 1 + Math.floor(teams / pageSize) + 1;
  const counts = sandbox.requestCounts().ilert ?? {};
  console.log(`organization     ${users} users, ${teams} teams`);
  console.log(`requests         ${sandbox.requestCount('ilert')} (minimum ${minimum}) ${JSON.stringify(counts)}`);
  for (const line of measuredRunLines(run)) console.log(line);
  console.log(`file size        ${statSync(file).size} bytes`);
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
