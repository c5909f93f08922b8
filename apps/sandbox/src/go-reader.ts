/**
 * Baton's Go reader (the repository's `packages/connector-sdk/compat` module) run on a c1z file,
 * for end-to-end tests that check a file a connector wrote is readable by Baton itself.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Go module that dumps a c1z with baton-sdk's reader (same depth from `src/` and `dist/`). */
const compatDir = fileURLToPath(new URL('../../../packages/connector-sdk/compat/', import.meta.url));

/**
 * Dumps `file` as JSON with Baton's Go reader (`go run .` in the compat module) and returns its
 * stdout, or `undefined` when Go or the compat module is not available (the caller skips).
 * A reader failure rejects with the Go error.
 */
export async function readWithGoReader(file: string): Promise<string | undefined> {
  const goAvailable = await run('go', ['version']).then(
    () => true,
    () => false,
  );
  if (!goAvailable || !existsSync(join(compatDir, 'main.go'))) return undefined;
  const { stdout } = await run('go', ['run', '.', file], { cwd: compatDir, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
