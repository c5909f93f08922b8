/**
 * The asset a single executable carries its complete CLI in. A runner that builds the executable
 * from a start script holding only the bin's identity stores the bin's full bundle (one
 * CommonJS file) under this key; `--help` and `--version` then never compile it.
 */
export const SEA_FULL_CLI_ASSET = 'c1-full-cli.cjs';

/** Set while the asset runs, so its own copy of the bin entry does not hand over again. */
const RUNNING = Symbol.for('@c1/connector-sdk.sea-full-cli');

type CommonJsWrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * Inside a single executable that carries {@link SEA_FULL_CLI_ASSET}, starts that complete CLI,
 * which runs the command line from the start and exits the process, and returns true. Returns
 * false anywhere else: an installed package, an executable without the asset, or the asset's run.
 */
export function startSeaFullCli(): boolean {
  const sea = process.getBuiltinModule('node:sea');
  const marks = globalThis as Record<symbol, unknown>;
  if (!sea?.isSea() || marks[RUNNING] === true) return false;
  let source: string;
  try {
    source = sea.getAsset(SEA_FULL_CLI_ASSET, 'utf8');
  } catch {
    return false;
  }
  marks[RUNNING] = true;
  const { runInThisContext } = process.getBuiltinModule('node:vm');
  const { createRequire } = process.getBuiltinModule('node:module');
  const { dirname } = process.getBuiltinModule('node:path');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const run = runInThisContext(wrapped, { filename: SEA_FULL_CLI_ASSET }) as CommonJsWrapper;
  const cjsModule = { exports: {} };
  run(cjsModule.exports, createRequire(process.execPath), cjsModule, process.execPath, dirname(process.execPath));
  return true;
}
