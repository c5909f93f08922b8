import module from 'node:module';
import { isBuiltinExperimentalNotice } from './warnings.js';

let prepared = false;

/**
 * Prepares a connector bin's process before anything that loads the store: turns on Node's
 * module compile cache outside a single executable (so later starts skip compiling the CLI)
 * and keeps the experimental-feature notices of the built-in SQLite and zstd, which Node 22
 * prints on first use, off the operator's terminal. Every other warning is printed as before.
 * A second call changes nothing.
 */
export function prepareBinProcess(): void {
  if (prepared) return;
  prepared = true;
  // A single executable compiles its code without the module loader: a cache would stay empty,
  // and the executable writes nothing but its output.
  if (process.getBuiltinModule('node:sea')?.isSea() !== true) module.enableCompileCache?.();
  const emitWarning = process.emitWarning.bind(process) as (warning: string | Error, ...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]): void => {
    if (isBuiltinExperimentalNotice(warning, rest[0])) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}
