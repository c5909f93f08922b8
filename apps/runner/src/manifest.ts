/** The registry and namespace images are tagged under unless `--image-repository` says otherwise. */
export const IMAGE_REPOSITORY = 'ghcr.io/c1';

/** `manifest.json` of one build output: what was built, from what, and its checksum. */
export interface BuildManifest {
  /** Connector short name (`ilert`). */
  name: string;
  /** npm package the binary was built from. */
  package: string;
  /** The connector's version. */
  version: string;
  /** File name of the binary in the build context (`baton-ilert`). */
  binary: string;
  /** Node version embedded in the binary (`v20.20.2`). */
  node: string;
  /** Operating system and CPU of the binary (`linux-x64`): it runs nowhere else. */
  platform: string;
  /** Hex sha256 of the binary. */
  sha256: string;
  /** Size of the binary in bytes. */
  size: number;
  /** The image tag a CI build of the context should use. */
  image: string;
}

/** The image tag of a connector version: `ghcr.io/c1/baton-ilert:0.1.0`, or under `repository`. */
export function imageTag(binaryName: string, version: string, repository: string = IMAGE_REPOSITORY): string {
  return `${repository.replace(/\/+$/, '')}/${binaryName}:${version}`;
}

/** What {@link createManifest} needs. */
export interface ManifestInput {
  name: string;
  packageName: string;
  version: string;
  binaryName: string;
  nodeVersion: string;
  platform: string;
  sha256: string;
  size: number;
  /** Registry and namespace of the image tag; default {@link IMAGE_REPOSITORY}. */
  imageRepository?: string;
}

/** The manifest of one build. */
export function createManifest(input: ManifestInput): BuildManifest {
  return {
    name: input.name,
    package: input.packageName,
    version: input.version,
    binary: input.binaryName,
    node: input.nodeVersion,
    platform: input.platform,
    sha256: input.sha256,
    size: input.size,
    image: imageTag(input.binaryName, input.version, input.imageRepository),
  };
}

/** The manifest as written to disk: two-space JSON with a final newline. */
export function formatManifest(manifest: BuildManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
