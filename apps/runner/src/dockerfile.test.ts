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
  it('is one stage on an overridable glibc base, holding only the binary, in classic syntax', () => {
    expect(lines.filter((line) => line.startsWith('ARG '))).toEqual(['ARG BASE_IMAGE=gcr.io/distroless/cc-debian12:nonroot']);
    expect(lines.filter((line) => line.startsWith('FROM '))).toEqual(['FROM ${BASE_IMAGE}']);
    expect(lines.filter((line) => line.startsWith('COPY '))).toEqual(['COPY baton-ilert /usr/local/bin/baton-ilert']);
    expect(dockerfile).not.toMatch(/--chmod|--mount|# syntax=|<<EOF/);
    expect(dockerfile).not.toContain('native');
  });

  it('runs as the numeric user 65532 in the /data volume', () => {
    expect(finalStage).toContain('\nUSER 65532:65532\nWORKDIR /data\nVOLUME ["/data"]\n');
  });

  it('runs the binary as the entrypoint, as a non-root user, without NODE_OPTIONS', () => {
    expect(lines.at(-2)).toBe('ENTRYPOINT ["/usr/local/bin/baton-ilert"]');
    expect(dockerfile).not.toContain('NODE_OPTIONS');
  });

  it('labels the image and says how to build it', () => {
    expect(dockerfile).toContain('org.opencontainers.image.version="0.1.0"');
    expect(dockerfile).toContain('#   docker build --platform linux/amd64 -t ghcr.io/c1/baton-ilert:0.1.0 .');
  });
});

describe('dockerPlatform', () => {
  it("maps Node's platform and arch to Docker's", () => {
    expect(dockerPlatform('linux', 'x64')).toBe('linux/amd64');
    expect(dockerPlatform('linux', 'arm64')).toBe('linux/arm64');
  });
});
