// Runs globally installed bins under the oldest Node the packages support (OLDEST_NODE, fetched
// from the npm registry like the pinned one), as an operator on that Node runs them: their own
// first line (`env -S node <flags>`) picks the Node first on PATH. Every bin must print its
// version; baton-ilert also syncs a small sandbox organization into a c1z file and reads it back
// with `stats`, with nothing on stderr at the default log level but its JSON log lines.
//
// scripts/release.mjs runs it on the tree scripts/install-check.mjs installed.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OLDEST_NODE, pinnedNodeBinary } from './node-runtime.mjs';

/** Runs `command` to the end without blocking this event loop (the sandbox is served from it). */
async function runAsync(command, args, env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

/** Stderr lines that are not JSON log records: a runtime warning, say. */
function strayStderr(stderr) {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
}

/**
 * Checks the bins in `prefix/bin` under {@link OLDEST_NODE}; returns the problems and a line of
 * figures. `root` is the workspace (its `.cache/node/` holds the download, its built sandbox
 * serves the sync).
 */
export async function oldestNodeCheck(prefix, root) {
  const node = pinnedNodeBinary(join(root, '.cache', 'node'), OLDEST_NODE);
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${join(prefix, 'bin')}${delimiter}${process.env.PATH ?? ''}` };
  const problems = [];
  const printed = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (printed !== `v${OLDEST_NODE}`) problems.push(`the fetched Node printed "${printed}", not v${OLDEST_NODE}`);
  const bins = readdirSync(join(prefix, 'bin')).filter((name) => name.startsWith('baton-'));
  for (const bin of bins) {
    const result = spawnSync(bin, ['--version'], { env, encoding: 'utf8' });
    if (result.status !== 0) problems.push(`${bin} --version exited ${result.status}: ${result.stderr.trim()}`);
  }
  if (!bins.includes('baton-ilert')) return { problems: [...problems, 'baton-ilert is not installed'], figures: '' };

  const { startSandbox } = await import(pathToFileURL(join(root, 'apps/sandbox/dist/index.js')).href);
  const sandbox = await startSandbox({ seed: 7, ilert: { users: 200, teams: 20 } });
  const dir = mkdtempSync(join(tmpdir(), 'oldest-node-'));
  try {
    const { baseUrl, token } = sandbox.services.ilert;
    const ilertEnv = { ...env, BATON_ILERT_API_TOKEN: token, BATON_ILERT_BASE_URL: baseUrl };
    const file = join(dir, 'sync.c1z');
    const ilert = async (what, args) => {
      const result = await runAsync('baton-ilert', args, ilertEnv);
      if (result.code !== 0) problems.push(`baton-ilert ${what} exited ${result.code}: ${result.stderr.trim()}`);
      for (const line of strayStderr(result.stderr)) problems.push(`baton-ilert ${what} wrote to stderr: ${line}`);
      return result;
    };
    await ilert('sync', ['--file', file]);
    const stats = await ilert('stats', ['stats', '--file', file]);
    const counts = stats.code === 0 ? JSON.parse(stats.stdout) : undefined;
    const users = counts?.resources?.user;
    if (counts !== undefined && users !== 200) problems.push(`baton-ilert stats counted ${users} users, not the sandbox's 200`);
    const figures = counts === undefined ? '' : `${users} users, ${counts.entitlements} entitlements, ${counts.grants} grants`;
    return { problems, figures: `${bins.length} bins --version; baton-ilert synced and read back ${figures}` };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The oldest Node named by a package's `engines.node` (e.g. `^22.15.0 || >=24` names 22.15.0). */
export function enginesFloor(manifestPath) {
  const range = JSON.parse(readFileSync(manifestPath, 'utf8')).engines?.node ?? '';
  return /\d+\.\d+\.\d+/.exec(range)?.[0];
}
