import { describe, expect, it } from 'vitest';
import { dockerPlatform, renderDockerfile } from './dockerfile.js';

const dockerfile = renderDockerfile({
  binaryName: 'baton-ilert',
  packageName: '@c1/connector-ilert',
  version: '0.1.0',
  nodeVersion: 'v20.20.2',
  dockerPlatform: 'linux/amd64',
  image: 'ghcr.io/c1/baton-ilert:0.1.0',
});
const lines = dockerfile.split('\n');
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

describe('renderDockerfile', () => {
  it('is one stage on a glibc base pinned to the binary platform, holding only the binary', () => {
    expect(lines.filter((line) => line.startsWith('FROM '))).toEqual([
      'FROM --platform=linux/amd64 gcr.io/distroless/cc-debian12:nonroot',
    ]);
    expect(lines.filter((line) => line.startsWith('COPY '))).toEqual(['COPY --chmod=0555 baton-ilert /usr/local/bin/baton-ilert']);
    expect(dockerfile).not.toContain('native');
  });

  it('runs the binary as the entrypoint, as a non-root user, without NODE_OPTIONS', () => {
    expect(finalStage).toContain('USER nonroot');
    expect(lines.at(-2)).toBe('ENTRYPOINT ["/usr/local/bin/baton-ilert"]');
    expect(dockerfile).not.toContain('NODE_OPTIONS');
  });

  it('labels the image and says how to build it', () => {
    expect(dockerfile).toContain('org.opencontainers.image.version="0.1.0"');
    expect(dockerfile).toContain('#   docker build -t ghcr.io/c1/baton-ilert:0.1.0 .');
  });
});

describe('dockerPlatform', () => {
  it("maps Node's platform and arch to Docker's", () => {
    expect(dockerPlatform('linux', 'x64')).toBe('linux/amd64');
    expect(dockerPlatform('linux', 'arm64')).toBe('linux/arm64');
  });
});
