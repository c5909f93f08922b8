/** Base of the final image: glibc and libstdc++, no shell, runs as user `nonroot`. */
export const RUNTIME_BASE_IMAGE = 'gcr.io/distroless/cc-debian12:nonroot';

/** What {@link renderDockerfile} needs. */
export interface DockerfileInput {
  /** File name of the binary in the build context, also its name in the image. */
  binaryName: string;
  packageName: string;
  version: string;
  /** Node version inside the binary. */
  nodeVersion: string;
  /** Docker platform of the binary (`linux/amd64`). */
  dockerPlatform: string;
  /** The tag the image is meant to get. */
  image: string;
}

/** Docker's platform name for a Node `process.platform` and `process.arch`. */
export function dockerPlatform(platform: string, arch: string): string {
  const cpu = arch === 'x64' ? 'amd64' : arch;
  return `${platform}/${cpu}`;
}

/**
 * The Dockerfile of one connector's build context: a distroless image holding only the binary
 * (which needs nothing else: no native addons, no cache directory), running as a non-root user
 * with no writable root filesystem needed. The binary is the entrypoint; no NODE_OPTIONS are set.
 */
export function renderDockerfile(input: DockerfileInput): string {
  const bin = `/usr/local/bin/${input.binaryName}`;
  return `# syntax=docker/dockerfile:1
# ${input.binaryName} ${input.version} (${input.packageName}): one executable with Node ${input.nodeVersion} inside.
# The binary is ${input.dockerPlatform} only. Build from this directory:
#   docker build -t ${input.image} .

FROM --platform=${input.dockerPlatform} ${RUNTIME_BASE_IMAGE}
LABEL org.opencontainers.image.title="${input.binaryName}" \\
      org.opencontainers.image.version="${input.version}" \\
      org.opencontainers.image.description="${input.packageName} as a single executable"
COPY --chmod=0555 ${input.binaryName} ${bin}
USER nonroot
WORKDIR /home/nonroot
ENTRYPOINT ["${bin}"]
`;
}
