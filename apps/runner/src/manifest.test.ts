import { describe, expect, it } from 'vitest';
import { createManifest, formatManifest, imageTag } from './manifest.js';

describe('manifest', () => {
  it('tags images ghcr.io/c1/<binary>:<version>', () => {
    expect(imageTag('baton-ilert', '0.1.0')).toBe('ghcr.io/c1/baton-ilert:0.1.0');
    expect(imageTag('baton-ilert', '0.1.0', 'registry.example.com/team/')).toBe('registry.example.com/team/baton-ilert:0.1.0');
  });

  it('records what was built, from what, for which platform, and its checksum', () => {
    const manifest = createManifest({
      name: 'ilert',
      packageName: '@c1/connector-ilert',
      version: '0.1.0',
      binaryName: 'baton-ilert',
      nodeVersion: 'v20.20.2',
      platform: 'linux-x64',
      sha256: 'ab'.repeat(32),
      size: 1234,
    });
    expect(JSON.parse(formatManifest(manifest))).toEqual({
      name: 'ilert',
      package: '@c1/connector-ilert',
      version: '0.1.0',
      binary: 'baton-ilert',
      node: 'v20.20.2',
      platform: 'linux-x64',
      sha256: 'ab'.repeat(32),
      size: 1234,
      image: 'ghcr.io/c1/baton-ilert:0.1.0',
    });
    expect(formatManifest(manifest).endsWith('}\n')).toBe(true);
  });
});
