/**
 * Runs a connector package's built CLI (`node dist/main.js`) the way an operator would, for
 * end-to-end tests: a child process with only the BATON_* variables the test names.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** How one run of the CLI ended. */
export interface CliRunResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The running CLI, as the {@link RunConnectorCliOptions.during} hook sees it. */
export interface RunningCli {
  /** Sends a signal to the process (`'SIGINT'` to interrupt it as Ctrl-C would). */
  kill(signal?: NodeJS.Signals): boolean;
}

/** How {@link runConnectorCli} runs the CLI. */
export interface RunConnectorCliOptions {
  /** BATON_* (and any other) variables for the child; the parent's BATON_* variables never reach it. */
  env?: Record<string, string>;
  /**
   * Modules node loads before the CLI (`node --import <module>`), resolved from the package
   * directory, e.g. `'@c1/connector-sdk/testing/fast-retry-waits'`.
   */
  preloads?: readonly string[];
  /**
   * Called with the running child, e.g. to arm a fault or send a signal at the right moment. The
   * run resolves once the child has exited and the hook has settled; if the hook throws, the
   * child is killed and the run rejects with the hook's error.
   */
  during?: (child: RunningCli) => Promise<void>;
  /**
   * Runs the child without the capabilities that let root ignore file modes (CAP_DAC_OVERRIDE,
   * CAP_DAC_READ_SEARCH, CAP_FOWNER), through util-linux's `setpriv`, so a test run as root
   * meets file modes as an operator does. It stays this user, so it still reaches the package
   * wherever the checkout lives (a private `mktemp -d` folder, say). See {@link canDropFileOverrides}.
   */
  withoutFileOverrides?: boolean;
}

/** `setpriv` options that take root's file-mode overrides out of the child's capability sets. */
const DROP_FILE_OVERRIDES = ['--bounding-set=-dac_override,-dac_read_search,-fowner', '--inh-caps=-dac_override,-dac_read_search,-fowner'];

/** Whether {@link RunConnectorCliOptions.withoutFileOverrides} can work here: `setpriv` runs and drops them. */
export function canDropFileOverrides(): boolean {
  const probe = spawnSync('setpriv', [...DROP_FILE_OVERRIDES, process.execPath, '-e', '0'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** The parent's environment without its BATON_* variables. */
function environmentWithoutBaton(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => !entry[0].startsWith('BATON_') && entry[1] !== undefined),
  );
}

/**
 * Runs `node dist/main.js ...args` in `packageDir` (a connector package) and collects its
 * stdout, stderr and exit code. The child inherits the parent's environment minus every BATON_*
 * variable, plus `options.env`. A non-zero exit resolves like any other: check `code`.
 */
export async function runConnectorCli(
  packageDir: string,
  args: readonly string[],
  options: RunConnectorCliOptions = {},
): Promise<CliRunResult> {
  const nodeArgs = [...(options.preloads ?? []).flatMap((preload) => ['--import', preload]), join(packageDir, 'dist', 'main.js'), ...args];
  const [command, commandArgs] = options.withoutFileOverrides
    ? ['setpriv', [...DROP_FILE_OVERRIDES, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(command, commandArgs, {
    cwd: packageDir,
    env: { ...environmentWithoutBaton(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const during = (options.during?.(child) ?? Promise.resolve()).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const [code] = await Promise.all([exited, during]);
  return { code, stdout, stderr };
}

/** Test files beside the code, which the build leaves out. */
const TEST_FILE = /\.test(-d)?\.ts$|\.test-support\.ts$/;

/** The newest modification time of any source file below `dir` (test files aside), in ms; 0 for an empty tree. */
async function newestSourceTime(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sources = entries.filter((entry) => entry.isFile() && !TEST_FILE.test(entry.name));
  const times = await Promise.all(sources.map(async (entry) => (await stat(join(entry.parentPath, entry.name))).mtimeMs));
  return Math.max(0, ...times);
}

/**
 * Builds `packageDir/dist` with the package's own tsup (`node_modules/.bin/tsup`) when
 * `dist/main.js` is missing or older than a source file below `src/` (test files beside the code
 * do not count), so end-to-end tests run the current code. Does nothing when the build is up to date.
 */
export async function ensureBuilt(packageDir: string): Promise<void> {
  const mainJs = join(packageDir, 'dist', 'main.js');
  const built = existsSync(mainJs) ? (await stat(mainJs)).mtimeMs : 0;
  if ((await newestSourceTime(join(packageDir, 'src'))) > built) {
    await execFileAsync(join(packageDir, 'node_modules', '.bin', 'tsup'), [], { cwd: packageDir });
  }
}

/**
 * The lines an operator reads on the CLI's stderr: every non-blank line that is not a JSON log
 * line (those start with `{`).
 */
export function operatorMessageLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
}
