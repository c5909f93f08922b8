#!/usr/bin/env node
// The README's two commands start here, so a fresh clone needs only Node and npm: when the
// machine's Node is older than the pinned one, this script first brings the pinned Node into
// `.cache/node/` and runs itself again under it; then it fetches the pinned pnpm through npx,
// installs the workspace, builds it, and runs either the demo sync or every test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reexecUnderPinnedNode } from './node-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs a command in the repository root and returns its exit status. */
function status(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Runs a command in the repository root, exiting with its status when it fails. */
function run(command, args) {
  const code = status(command, args);
  if (code !== 0) process.exit(code);
}

const pnpmArgs = (...args) => ['--yes', packageManager, ...args];
const pnpm = (...args) => run('npx', pnpmArgs(...args));

/** Sums the packages' JSON test reports into one closing line: `N passed, N failed, N skipped`. */
function printTestTotals(resultsDir) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(resultsDir)) {
    for (const name of readdirSync(resultsDir).filter((file) => file.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(join(resultsDir, name), 'utf8'));
      totals.passed += report.numPassedTests ?? 0;
      totals.failed += report.numFailedTests ?? 0;
      totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    }
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}

const job = process.argv[2];
if (job !== 'demo' && job !== 'test') {
  console.error('usage: node scripts/run.mjs demo|test');
  process.exit(2);
}
reexecUnderPinnedNode(fileURLToPath(import.meta.url), process.argv.slice(2), join(root, '.cache', 'node'));

pnpm('install', '--frozen-lockfile', '--reporter=append-only');
pnpm('exec', 'turbo', 'run', 'build', '--output-logs=errors-only');
if (job === 'demo') {
  run(process.execPath, [join(root, 'scripts/demo.mjs')]);
} else {
  const resultsDir = join(root, '.test-results');
  rmSync(resultsDir, { recursive: true, force: true });
  const code = status('npx', pnpmArgs('exec', 'turbo', 'run', 'typecheck', 'lint', 'test', '--concurrency=1', '--output-logs=full'));
  // The release dry run packs and checks every published tarball; it changes nothing.
  const releaseCode = status(process.execPath, [join(root, 'scripts/release.mjs'), '--dry-run']);
  printTestTotals(resultsDir);
  process.exit(code || releaseCode);
}
