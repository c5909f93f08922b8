import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPrerequisites } from './prerequisites.js';
import { SEA_FUSE } from './sea.js';

const dir = mkdtempSync(join(tmpdir(), 'runner-prereq-'));
const withFuse = join(dir, 'node-with-fuse');
const withoutFuse = join(dir, 'node-without-fuse');
// The fuse straddles a 4 MiB read boundary to exercise the chunked search.
writeFileSync(withFuse, Buffer.concat([Buffer.alloc(4 * 1024 * 1024 - 10), Buffer.from(`${SEA_FUSE}:0`)]));
writeFileSync(withoutFuse, Buffer.alloc(1024));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildPrerequisites', () => {
  it('accepts Linux with a Node that has SEA assets and the fuse', () => {
    expect(buildPrerequisites({ platform: 'linux', nodeVersion: '20.12.0', nodeBinary: withFuse })).toEqual([]);
  });

  it('names every problem', () => {
    expect(buildPrerequisites({ platform: 'darwin', nodeVersion: '20.11.1', nodeBinary: withoutFuse })).toEqual([
      'building executables is supported on Linux only, not darwin',
      'Node 20.11.1 has no SEA assets; use Node >= 20.12',
      `${withoutFuse} has no SEA fuse (a Node build without single-executable support)`,
    ]);
  });
});
