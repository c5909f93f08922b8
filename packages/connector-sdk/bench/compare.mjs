/**
 * `npm run bench`: the store against the raw SQLite floor at 10k, 100k and 1M grants.
 * Each size runs BENCH_RUNS times (default 3), alternating a sync (sync-1m.mjs: the real engine
 * into a real c1z file, finish included) with the floor (floor.mjs: the same rows through plain
 * node:sqlite inserts, indexes after, zstd), each in a fresh process so peak RSS is its own.
 * Prints the medians, with the spread (min-max of wall seconds) to show how noisy the machine was.
 * BENCH_SIZES (comma-separated grant counts) picks other sizes; a size of N grants has N/1000
 * groups of 1000 members and N/10 users.
 * Every child runs with the SDK's SYNC_NODE_FLAGS, the V8 flags a shipped sync runs with, so the
 * figures are those of that configuration; BENCH_NODE_FLAGS (space-separated, may be empty)
 * measures another one. `start MiB` is the sync process's RSS before the sync (Node and the
 * loaded SDK), `x smallest` its peak RSS over the smallest size's. `x floor` is the median over
 * the runs of each sync's objects/s over that of the floor run right after it.
 *
 * When Go is on PATH, the same workload also runs through baton-sdk v0.25's own syncer
 * (compat/benchconnector, built once per bench) with each storage engine in BENCH_BATON
 * (default `pebble,sqlite`; `none` skips it), at the sizes in BENCH_BATON_SIZES (default
 * 10000,100000: its SQLite engine takes minutes a run at 1M). Its `x floor` pairs it with the
 * floor runs of the same size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNC_NODE_FLAGS } from '../dist/internals.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const FLAGS = process.env.BENCH_NODE_FLAGS === undefined ? [...SYNC_NODE_FLAGS] : process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean);

function child(script, env) {
  const stdout = execFileSync(process.execPath, [...FLAGS, join(here, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

const BATON_ENGINES = (process.env.BENCH_BATON ?? 'pebble,sqlite').split(',').filter((engine) => engine !== '' && engine !== 'none');
const BATON_SIZES = (process.env.BENCH_BATON_SIZES ?? '10000,100000').split(',').map(Number);

/** Builds compat/benchconnector into `dir`; undefined (with a note why) when Go is missing or the build fails. */
function buildBatonConnector(dir) {
  if (BATON_ENGINES.length === 0) return undefined;
  const binary = join(dir, 'benchconnector');
  const build = spawnSync('go', ['build', '-mod=readonly', '-o', binary, './benchconnector'], {
    cwd: join(here, '..', 'compat'),
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (build.error || build.status !== 0) {
    process.stderr.write(`  baton-sdk rows skipped: ${build.error ? 'no go on PATH' : `go build failed: ${build.stderr.trim()}`}\n`);
    return undefined;
  }
  return binary;
}

/**
 * One sync of the workload through baton-sdk into `out`, as figures like sync-1m.mjs's. A run
 * that exits without printing its figures (seen once in many) is run again, once.
 */
function batonSync(binary, engine, sizeEnv, grants, out) {
  let line;
  for (let attempt = 0; attempt < 2 && line === undefined; attempt++) {
    rmSync(out, { force: true });
    const stdout = execFileSync(binary, ['--file', out, '--storage-engine', engine], {
      env: { ...process.env, ...sizeEnv },
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    });
    line = stdout.split('\n').find((text) => text.startsWith('{'));
  }
  if (line === undefined) throw new Error(`benchconnector (${engine}, ${grants} grants) printed no figures twice`);
  const figures = JSON.parse(line);
  const groups = grants / 1000;
  const objects = 2 + grants / 10 + groups + groups + grants;
  return {
    ...figures,
    objectsPerSecond: Math.round(objects / figures.seconds),
    objectsPerCpuSecond: Math.round(objects / figures.cpuSeconds),
    fileBytes: statSync(out).size,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values) => `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;

const dir = mkdtempSync(join(tmpdir(), 'sync-compare-'));
const rows = [];
try {
  const batonBinary = buildBatonConnector(dir);
  for (const grants of SIZES) {
    const sizeEnv = { BENCH_GROUPS: String(grants / 1000), BENCH_MEMBERS: '1000', BENCH_USERS: String(grants / 10) };
    const ours = [];
    const floor = [];
    for (let run = 0; run < RUNS; run++) {
      const out = join(dir, `${grants}-${run}.c1z`);
      const sync = child('sync-1m.mjs', { ...sizeEnv, BENCH_OUT: out });
      ours.push({ ...sync, seconds: sync.syncSeconds + sync.finishSeconds });
      floor.push(child('floor.mjs', { BENCH_FLOOR_INPUT: out }));
      rmSync(out, { force: true });
      process.stderr.write(
        `  ${grants} grants, run ${run + 1}/${RUNS}: ${ours.at(-1).seconds.toFixed(2)} s, floor ${floor.at(-1).seconds} s\n`,
      );
    }
    const pick = (list, key) => median(list.map((entry) => entry[key]));
    const oursRate = pick(ours, 'objectsPerSecond');
    const floorRate = pick(floor, 'rowsPerSecond');
    // Each run's sync against the floor run right after it, so a machine that slows down or
    // speeds up between runs moves both sides of a ratio alike.
    const pairedRatio = median(ours.map((sync, run) => sync.objectsPerSecond / floor[run].rowsPerSecond));
    rows.push(
      {
        grants,
        what: 'store',
        wall: pick(ours, 'seconds'),
        spread: spread(ours.map((e) => e.seconds)),
        cpu: pick(ours, 'cpuSeconds'),
        rss: pick(ours, 'peakRssMiB'),
        start: pick(ours, 'startRssMiB'),
        perCpu: pick(ours, 'objectsPerCpuSecond'),
        rate: oursRate,
        bytes: pick(ours, 'fileBytes'),
        ratio: pairedRatio.toFixed(2),
      },
      {
        grants,
        what: 'floor',
        wall: pick(floor, 'seconds'),
        spread: spread(floor.map((e) => e.seconds)),
        cpu: pick(floor, 'cpuSeconds'),
        rss: pick(floor, 'peakRssMiB'),
        start: undefined,
        perCpu: Math.round(pick(floor, 'rows') / pick(floor, 'cpuSeconds')),
        rate: floorRate,
        bytes: pick(floor, 'fileBytes'),
        ratio: '1.00',
      },
    );
    if (batonBinary === undefined || !BATON_SIZES.includes(grants)) continue;
    for (const engine of BATON_ENGINES) {
      const baton = [];
      for (let run = 0; run < RUNS; run++) {
        const out = join(dir, `${grants}-${engine}-${run}.c1z`);
        baton.push(batonSync(batonBinary, engine, sizeEnv, grants, out));
        rmSync(out, { force: true });
        process.stderr.write(`  ${grants} grants, baton-sdk ${engine}, run ${run + 1}/${RUNS}: ${baton.at(-1).seconds.toFixed(2)} s\n`);
      }
      rows.push({
        grants,
        what: `baton-sdk ${engine}`,
        wall: pick(baton, 'seconds'),
        spread: spread(baton.map((e) => e.seconds)),
        cpu: pick(baton, 'cpuSeconds'),
        rss: pick(baton, 'peakRssMiB'),
        start: undefined,
        perCpu: pick(baton, 'objectsPerCpuSecond'),
        rate: pick(baton, 'objectsPerSecond'),
        bytes: pick(baton, 'fileBytes'),
        ratio: median(baton.map((entry, run) => entry.objectsPerSecond / floor[run].rowsPerSecond)).toFixed(2),
      });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const smallest = rows.find((r) => r.what === 'store')?.rss ?? 1;
const header = [
  'grants',
  'what',
  'wall s',
  `spread (${RUNS} runs)`,
  'cpu s',
  'start MiB',
  'peak RSS MiB',
  'x smallest',
  'objects/s',
  'objects/cpu s',
  'file bytes',
  'x floor',
];
const table = rows.map((r) => [
  r.grants.toLocaleString('en'),
  r.what,
  r.wall.toFixed(2),
  r.spread,
  r.cpu.toFixed(2),
  r.start === undefined ? '' : r.start.toFixed(1),
  r.rss.toFixed(1),
  r.what === 'store' ? (r.rss / smallest).toFixed(2) : '',
  r.rate.toLocaleString('en'),
  r.perCpu.toLocaleString('en'),
  r.bytes.toLocaleString('en'),
  r.ratio,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
for (const row of [header, ...table]) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));
console.log(
  `node ${process.version} ${FLAGS.join(' ') || '(no flags)'}; medians of ${RUNS}; load average ${(await import('node:os'))
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
