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
  it('builds on glibc bases pinned to the binary platform', () => {
    expect(lines.filter((line) => line.startsWith('FROM '))).toEqual([
      'FROM --platform=linux/amd64 debian:bookworm-slim AS addons',
      'FROM --platform=linux/amd64 gcr.io/distroless/cc-debian12:nonroot',
    ]);
  });

  it('extracts the native addons at build time into a directory the runtime user can only read', () => {
    expect(dockerfile).toContain('RUN C1_NATIVE_CACHE_DIR=/opt/c1/native /usr/local/bin/baton-ilert --version');
    expect(dockerfile).toContain('chmod -R u=rwX,go=rX /opt/c1/native');
    expect(finalStage).toContain('COPY --from=addons /opt/c1/native /opt/c1/native');
    expect(finalStage).toContain('ENV C1_NATIVE_CACHE_DIR=/opt/c1/native');
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
