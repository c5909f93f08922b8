#!/usr/bin/env node
// Benchmark: the built baton-teamtailor syncs a 5,000-user sandbox company over loopback, once
// under the sandbox's rate limit (50 requests per 10 s window, announced in X-Rate-Limit-* headers)
// and once without it. Prints the requests made against the minimum the API allows, wall time
// against the rate-limit bound, the CLI's CPU time and peak RSS. Run after a build: `npm run bench`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measuredRunLines, runMeasuredCli, startSandbox, TEAMTAILOR_DEFAULT_RATE_LIMIT } from '@c1/sandbox';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const users = Number(process.env.BENCH_USERS ?? 5_000);
const pageSize = 30;
// validate reads the first page; the sync follows links.next through ceil(users/30) pages.
const minimum = 1 + Math.ceil(users / pageSize);

async function runOnce(rateLimit) {
  const work = mkdtempSync(join(tmpdir(), 'teamtailor-bench-'));
  const file = join(work, 'sync.c1z');
  const sandbox = await startSandbox({ seed: 7, teamtailor: { users, rateLimit } });
  try {
    const { baseUrl, apiKey } = sandbox.services.teamtailor;
    const run = await runMeasuredCli({
      packageDir,
      binary: 'baton-teamtailor',
      args: ['--file', file],
      env: { BATON_TEAMTAILOR_API_KEY: apiKey, BATON_TEAMTAILOR_BASE_URL: baseUrl, BATON_LOG_LEVEL: 'warn' },
    });
    return { ...run, requests: sandbox.requestCount('teamtailor'), size: statSync(file).size };
  } finally {
    await sandbox.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function report(label, result, bound) {
  console.log(`${label}`);
  console.log(`  requests       ${result.requests} (minimum ${minimum} = ceil(${users}/${pageSize}) + 1 validation)`);
  const shown = bound === undefined ? '' : ` (rate-limit bound ${bound(result.startedAt).toFixed(2)} s)`;
  for (const line of measuredRunLines(result, '  ', shown)) console.log(line);
  console.log(`  file size      ${result.size} bytes`);
}

const { requests: limit, windowSeconds } = TEAMTAILOR_DEFAULT_RATE_LIMIT;
// The sandbox's windows are aligned to the epoch. The requests fill ceil(minimum/limit) windows, so
// the sync cannot finish before the start of the last one: (windows - 1) windows after the start
// of the first, less the part of the first window that had passed when the run began.
const windowMs = windowSeconds * 1000;
const bound = (startedAt) => ((Math.ceil(minimum / limit) - 1) * windowMs - (startedAt % windowMs)) / 1000;
console.log(`company          ${users} users`);
report(`with the rate limit (${limit} requests per ${windowSeconds} s window)`, await runOnce(TEAMTAILOR_DEFAULT_RATE_LIMIT), bound);
report('without a rate limit', await runOnce(false));
