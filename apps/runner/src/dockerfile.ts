import { NATIVE_CACHE_ENV } from './runtime/contract.js';

/** Base of the stage that runs the binary once to extract its native addons (has a shell). */
export const EXTRACT_BASE_IMAGE = 'debian:bookworm-slim';
/** Base of the final image: glibc and libstdc++, no shell, runs as user `nonroot`. */
export const RUNTIME_BASE_IMAGE = 'gcr.io/distroless/cc-debian12:nonroot';
/** Where the image keeps the extracted addons (read-only at run time). */
export const IMAGE_NATIVE_CACHE_DIR = '/opt/c1/native';

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
 * The Dockerfile of one connector's build context. A first stage runs `<binary> --version`
 * once so the embedded native addons are extracted at build time; the final distroless image
 * holds the binary and the extracted addons, runs as a non-root user and needs no writable
 * root filesystem. The binary is the entrypoint; no NODE_OPTIONS are set.
 */
export function renderDockerfile(input: DockerfileInput): string {
  const bin = `/usr/local/bin/${input.binaryName}`;
  return `# syntax=docker/dockerfile:1
# ${input.binaryName} ${input.version} (${input.packageName}): one executable with Node ${input.nodeVersion} inside.
# The binary is ${input.dockerPlatform} only. Build from this directory:
#   docker build -t ${input.image} .

# Extract the native addons embedded in the binary once, at build time.
FROM --platform=${input.dockerPlatform} ${EXTRACT_BASE_IMAGE} AS addons
COPY --chmod=0555 ${input.binaryName} ${bin}
RUN ${NATIVE_CACHE_ENV}=${IMAGE_NATIVE_CACHE_DIR} ${bin} --version \\
 && chmod -R u=rwX,go=rX ${IMAGE_NATIVE_CACHE_DIR}

FROM --platform=${input.dockerPlatform} ${RUNTIME_BASE_IMAGE}
LABEL org.opencontainers.image.title="${input.binaryName}" \\
      org.opencontainers.image.version="${input.version}" \\
      org.opencontainers.image.description="${input.packageName} as a single executable"
COPY --from=addons ${bin} ${bin}
COPY --from=addons ${IMAGE_NATIVE_CACHE_DIR} ${IMAGE_NATIVE_CACHE_DIR}
ENV ${NATIVE_CACHE_ENV}=${IMAGE_NATIVE_CACHE_DIR}
USER nonroot
WORKDIR /home/nonroot
ENTRYPOINT ["${bin}"]
`;
}
