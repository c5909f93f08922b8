import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SEA_FUSE } from './sea.js';

/** What {@link buildPrerequisites} checks; injectable for tests. */
export interface BuildHost {
  platform: string;
  nodeVersion: string;
  nodeBinary: string;
}

/** The Node version that first supports SEA assets on the 20.x line. */
const MIN_NODE = [20, 12] as const;

/**
 * Why executables cannot be built on this host, one sentence per problem; empty when they can.
 * Checks: Linux, a Node version with SEA assets, a Node binary that carries the SEA fuse, and
 * the `postject` package.
 */
export function buildPrerequisites(host: BuildHost = currentHost()): string[] {
  const problems: string[] = [];
  if (host.platform !== 'linux') problems.push(`building executables is supported on Linux only, not ${host.platform}`);
  const [major = 0, minor = 0] = host.nodeVersion.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    problems.push(`Node ${host.nodeVersion} has no SEA assets; use Node >= ${MIN_NODE.join('.')}`);
  }
  if (!containsText(host.nodeBinary, SEA_FUSE)) {
    problems.push(`${host.nodeBinary} has no SEA fuse (a Node build without single-executable support)`);
  }
  try {
    createRequire(import.meta.url).resolve('postject/dist/cli.js');
  } catch {
    problems.push('the postject package is not installed');
  }
  return problems;
}

function currentHost(): BuildHost {
  return { platform: process.platform, nodeVersion: process.versions.node, nodeBinary: process.execPath };
}

/** Whether a (large) file contains `text`, read in chunks. */
function containsText(path: string, text: string): boolean {
  const needle = Buffer.from(text);
  const chunk = Buffer.alloc(4 * 1024 * 1024 + needle.length);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    let carried = 0;
    let position = 0;
    for (;;) {
      const read = readSync(fd, chunk, carried, chunk.length - carried, position);
      if (read === 0) return false;
      position += read;
      const filled = carried + read;
      if (chunk.subarray(0, filled).includes(needle)) return true;
      carried = Math.min(needle.length - 1, filled);
      chunk.copy(chunk, 0, filled - carried, filled);
    }
  } finally {
    closeSync(fd);
  }
}
