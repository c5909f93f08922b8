#!/usr/bin/env node
/**
 * Runs the sandbox until SIGTERM/SIGINT. Prints one JSON line to stdout once listening,
 * `{"url":…,"services":{"ilert":{"baseUrl":…,"token":…},…}}` with what each registered service
 * chooses to print; nothing else goes to stdout.
 */
import { outputLine, parseOptions, USAGE } from './cli-options.js';
import { startSandbox } from './sandbox.js';
import type { SandboxOptions } from './sandbox.js';

async function main(): Promise<number> {
  let options: SandboxOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const sandbox = await startSandbox(options);
  process.stdout.write(`${outputLine(sandbox)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await sandbox.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
