// Start-up benchmark of `baton-<name> --help` and `--version`: the median wall time of 10 runs
// (after one warm-up run) and the mean CPU time per run (user + system, from the kernel's
// accounting of waited-for children), for `node -e 0`, the bin as npm installs it, any
// installed bins given, and the single executable the runner builds.
//
//   node apps/runner/bench/startup.mjs [--connector ilert] [--installed /path/to/baton-ilert]...
//                                      [--binary /path/to/executable] [--runs 10]
//
// Without --binary the executable is built into a temporary directory first (build the
// workspace before). Figures are noisy on a busy machine: compare CPU times there.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { values } = parseArgs({
  options: {
    connector: { type: 'string', default: 'ilert' },
    installed: { type: 'string', multiple: true, default: [] },
    binary: { type: 'string' },
    runs: { type: 'string', default: '10' },
  },
});
const runs = Number(values.runs);
const moduleLog = join(root, 'packages/connector-sdk/test/fixtures/module-log.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'startup-bench-'));

/** CPU time (ms) of this process's waited-for children so far: cutime + cstime of /proc/self/stat. */
function childCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // Fields 16 and 17 of stat(5), counted from 1; the split drops the first two. Ticks are 10 ms on Linux.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runOnce(command, args, env = process.env) {
  const result = spawnSync(command, args, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result;
}

/** Median wall ms, mean CPU ms per run. */
function measure(command, args) {
  runOnce(command, args);
  const walls = [];
  const cpuBefore = childCpuMs();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    runOnce(command, args);
    walls.push(performance.now() - started);
  }
  const cpu = (childCpuMs() - cpuBefore) / runs;
  walls.sort((a, b) => a - b);
  const median = runs % 2 === 1 ? walls[(runs - 1) / 2] : (walls[runs / 2 - 1] + walls[runs / 2]) / 2;
  return { median, min: walls[0], cpu };
}

/** How many modules (ESM and CommonJS files and built-ins) a Node run of `script` loads. */
function modulesLoaded(script, args) {
  const log = join(scratch, 'modules.txt');
  runOnce(process.execPath, ['--import', moduleLog, script, ...args], { ...process.env, MODULE_LOG: log });
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
}

function buildBinary() {
  const out = join(scratch, 'out');
  runOnce(process.execPath, [join(root, 'apps/runner/dist/cli.js'), 'build', values.connector, '--out', out]);
  return join(out, values.connector, `baton-${values.connector}`);
}

const npmBin = join(root, `packages/connector-${values.connector}/dist/main.js`);
const targets = [
  { label: 'node -e 0', command: process.execPath, args: ['-e', '0'], noArgs: true },
  { label: `node ${npmBin.slice(root.length)}`, command: process.execPath, args: [npmBin], script: npmBin },
  ...values.installed.map((path) => ({ label: path, command: path, args: [] })),
  { label: 'single executable', command: values.binary ?? buildBinary(), args: [] },
];

try {
  console.log(`median of ${runs} runs (ms), fastest run, mean CPU per run (ms); Node ${process.version}`);
  for (const target of targets) {
    for (const flag of target.noArgs ? [[]] : [['--help'], ['--version']]) {
      const { median, min, cpu } = measure(target.command, [...target.args, ...flag]);
      const modules = target.script ? `, ${modulesLoaded(target.script, flag)} modules` : '';
      const name = `${target.label} ${flag.join(' ')}`.trim();
      console.log(
        `${name.padEnd(64)} median ${median.toFixed(0).padStart(4)}  min ${min.toFixed(0).padStart(4)}  cpu ${cpu.toFixed(0).padStart(4)}${modules}`,
      );
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
