/** Base of the final image: glibc and libstdc++, no shell, runs as user 65532 (`nonroot`). */
export const RUNTIME_BASE_IMAGE = 'gcr.io/distroless/cc-debian12:nonroot';

/** The numeric user and group the image runs as (distroless `nonroot`). */
const IMAGE_USER = '65532:65532';

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
 * The Dockerfile of one connector's build context: a distroless base (overridable with
 * `--build-arg BASE_IMAGE=...`) holding only the binary, which needs nothing else (no native
 * addons, no cache directory), running as the numeric user 65532 in `/data`, a volume for the
 * `--file` output. The binary is the entrypoint; all configuration comes from `BATON_*`
 * variables; no NODE_OPTIONS are set. Only classic Dockerfile syntax, so any builder takes it.
 */
export function renderDockerfile(input: DockerfileInput): string {
  const bin = `/usr/local/bin/${input.binaryName}`;
  return `# ${input.binaryName} ${input.version} (${input.packageName}): one executable with Node ${input.nodeVersion} inside.
# The binary is ${input.dockerPlatform} only. Build from this directory:
#   docker build --platform ${input.dockerPlatform} -t ${input.image} .
# Configure it with BATON_* variables (see \`${input.binaryName} --help\`).

ARG BASE_IMAGE=${RUNTIME_BASE_IMAGE}
FROM \${BASE_IMAGE}
LABEL org.opencontainers.image.title="${input.binaryName}" \\
      org.opencontainers.image.version="${input.version}" \\
      org.opencontainers.image.description="${input.packageName} as a single executable"
COPY ${input.binaryName} ${bin}
USER ${IMAGE_USER}
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["${bin}"]
`;
}
