#!/usr/bin/env node
// The README's two commands start here, so a fresh clone needs only Node and npm:
// this script fetches the pinned pnpm through npx, installs the workspace, builds it,
// and then runs either the demo sync or every test.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs a command in the repository root, exiting with its status when it fails. */
function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const pnpm = (...args) => run('npx', ['--yes', packageManager, ...args]);

const job = process.argv[2];
if (job !== 'demo' && job !== 'test') {
  console.error('usage: node scripts/run.mjs demo|test');
  process.exit(2);
}

pnpm('install', '--frozen-lockfile', '--reporter=append-only');
pnpm('exec', 'turbo', 'run', 'build', '--output-logs=errors-only');
if (job === 'demo') {
  run(process.execPath, [join(root, 'scripts/demo.mjs')]);
} else {
  pnpm('exec', 'turbo', 'run', 'typecheck', 'test', '--concurrency=1', '--output-logs=full');
}
