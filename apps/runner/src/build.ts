import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry } from './bundle.js';
import type { ConnectorPackage } from './connectors.js';
import { dockerPlatform, renderDockerfile } from './dockerfile.js';
import { writeKubernetesFiles } from './kubernetes-files.js';
import { createManifest, formatManifest, type BuildManifest } from './manifest.js';
import { sdkNodeFlags } from './node-flags.js';
import { buildSeaExecutable } from './sea.js';
import { FULL_CLI_ASSET } from './start-script.js';

/** The outcome of building one connector. */
export interface BuildResult {
  /** The build context directory: the binary, `Dockerfile` and `manifest.json`. */
  dir: string;
  /** The executable. */
  binaryPath: string;
  manifest: BuildManifest;
  /** Wall-clock time of the build. */
  durationMs: number;
}

/** Hex sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** How {@link buildConnector} builds. */
export interface BuildOptions {
  /** Registry and namespace of the image tag (`registry.example.com/team`); default `ghcr.io/c1`. */
  imageRepository?: string;
}

/**
 * Builds `connector` into `outDir`: the single executable `<binaryName>` for this host's
 * platform and Node version, its `Dockerfile` and `manifest.json`. The connector must be built
 * (`dist/`) first. Scratch files live in a temporary directory that is always removed.
 */
export async function buildConnector(connector: ConnectorPackage, outDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  if (!existsSync(connector.entry)) {
    throw new Error(`${connector.entry} is missing: build ${connector.packageName} first (its build script, e.g. npm run build)`);
  }
  const workDir = await mkdtemp(join(tmpdir(), `c1-runner-${connector.name}-`));
  try {
    // The start script answers --help and --version alone; every other command runs the full bundle.
    const fullBundle = await bundleEntry(connector.entry, join(workDir, 'full-cli.cjs'));
    const bundlePath = await bundleEntry(connector.entry, join(workDir, 'start.cjs'), { startScript: true });
    const staged = join(workDir, connector.binaryName);
    // The SDK's sync flags, as its bins' first line passes them: a flat heap for big syncs.
    await buildSeaExecutable({
      bundlePath,
      assets: { [FULL_CLI_ASSET]: fullBundle },
      output: staged,
      workDir,
      execArgv: await sdkNodeFlags(connector.dir),
    });
    const manifest = createManifest({
      name: connector.name,
      packageName: connector.packageName,
      version: connector.version,
      binaryName: connector.binaryName,
      nodeVersion: process.version,
      platform: `${process.platform}-${process.arch}`,
      sha256: await sha256File(staged),
      size: (await stat(staged)).size,
      ...(options.imageRepository === undefined ? {} : { imageRepository: options.imageRepository }),
    });
    await mkdir(outDir, { recursive: true });
    const binaryPath = join(outDir, connector.binaryName);
    await rm(binaryPath, { force: true });
    await moveFile(staged, binaryPath);
    const dockerfile = renderDockerfile({
      binaryName: connector.binaryName,
      packageName: connector.packageName,
      version: connector.version,
      nodeVersion: process.version,
      dockerPlatform: dockerPlatform(process.platform, process.arch),
      image: manifest.image,
    });
    await writeFile(join(outDir, 'Dockerfile'), dockerfile);
    await writeFile(join(outDir, 'manifest.json'), formatManifest(manifest));
    await writeKubernetesFiles(outDir, binaryPath, connector.binaryName, manifest.image);
    return { dir: outDir, binaryPath, manifest, durationMs: performance.now() - started };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Moves a file, copying when source and target are on different filesystems. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await chmod(to, 0o755);
  }
}
