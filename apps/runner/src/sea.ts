import { execFile } from 'node:child_process';
import { copyFile, chmod, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The fuse Node checks to know it carries a SEA blob (from Node's SEA documentation). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** The resource name Node reads the SEA blob from. */
const SEA_RESOURCE = 'NODE_SEA_BLOB';

/** What {@link buildSeaExecutable} needs. */
export interface SeaBuildOptions {
  /** The CommonJS bundle that becomes the executable's main script. */
  bundlePath: string;
  /** Files the executable carries, by the key `node:sea`'s `getAsset` reads them with. */
  assets?: Record<string, string>;
  /** Where to write the executable. */
  output: string;
  /** A scratch directory for the SEA config and blob. */
  workDir: string;
  /** The Node binary to copy; the blob is produced by the same binary. Default: this process's. */
  nodeBinary?: string;
  /** Node options the executable always starts with, as a bin's `#!/usr/bin/env -S node ...` line gives them. */
  execArgv?: readonly string[];
}

/** The `postject` command-line script. */
function postjectCli(): string {
  return createRequire(import.meta.url).resolve('postject/dist/cli.js');
}

/**
 * Turns a bundle into a single executable: writes a SEA config, has `nodeBinary` produce the
 * blob (so blob and runtime always match), copies `nodeBinary` to `output` and injects the blob
 * with postject. Throws with the tools' output when a step fails.
 */
export async function buildSeaExecutable(options: SeaBuildOptions): Promise<void> {
  const node = options.nodeBinary ?? process.execPath;
  const configPath = join(options.workDir, 'sea-config.json');
  const blobPath = join(options.workDir, 'sea-prep.blob');
  // The blob records `main` as written: a path relative to the scratch directory (the blob step's
  // working directory) keeps the random scratch name out of the executable, so builds repeat.
  const config = {
    main: relative(options.workDir, options.bundlePath),
    output: blobPath,
    // Relative paths too: only the assets' keys and bytes reach the blob, never a scratch path.
    ...(options.assets === undefined
      ? {}
      : { assets: Object.fromEntries(Object.entries(options.assets).map(([key, path]) => [key, relative(options.workDir, path)])) }),
    ...(options.execArgv === undefined ? {} : { execArgv: [...options.execArgv] }),
    disableExperimentalSEAWarning: true,
    // V8's code cache differs from build to build; without it two builds are byte-identical.
    useCodeCache: false,
  };
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  await step('producing the SEA blob', node, ['--experimental-sea-config', configPath], options.workDir);
  await copyFile(node, options.output);
  await chmod(options.output, 0o755);
  await step(
    'injecting the SEA blob',
    node,
    [postjectCli(), options.output, SEA_RESOURCE, blobPath, '--sentinel-fuse', SEA_FUSE],
    options.workDir,
  );
}

async function step(what: string, command: string, args: string[], cwd: string): Promise<void> {
  try {
    await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    const output = `${failed.stderr ?? ''}${failed.stdout ?? ''}`.trim() || failed.message;
    throw new Error(`${what} failed: ${output}`);
  }
}
