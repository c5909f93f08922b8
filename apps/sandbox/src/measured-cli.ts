/**
 * Runs a connector's built CLI for a benchmark and measures it: wall time in this process, and
 * the CLI's own CPU time and peak RSS, which a preload writes at its exit.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The preload that reports the CLI's resource usage; built beside this module in `dist/`. */
const REPORT_USAGE = fileURLToPath(new URL('./report-usage.js', import.meta.url));

/** What {@link runMeasuredCli} runs. */
export interface MeasuredCliOptions {
  /** The connector package directory: `dist/main.js` in it is run. */
  packageDir: string;
  args: readonly string[];
  /** Variables added to this process's environment for the CLI. */
  env: Record<string, string>;
  /** Names the CLI in the error when it fails. */
  binary: string;
}

/** How a measured run went. */
export interface MeasuredRun {
  /** `Date.now()` when the CLI was started. */
  startedAt: number;
  wallMs: number;
  /** The CLI's user plus system CPU time. */
  cpuMs: number;
  maxRssKiB: number;
}

/** Runs the CLI to its end, with its stdout shown; throws with its stderr when it exits non-zero. */
export async function runMeasuredCli(options: MeasuredCliOptions): Promise<MeasuredRun> {
  const work = mkdtempSync(join(tmpdir(), 'bench-usage-'));
  try {
    const usageFile = join(work, 'usage.json');
    const started = performance.now();
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['--import', REPORT_USAGE, join(options.packageDir, 'dist', 'main.js'), ...options.args], {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, ...options.env, C1_BENCH_USAGE_FILE: usageFile },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`${options.binary} exited ${code}:\n${stderr}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKiB: number; userCpuMs: number; systemCpuMs: number };
    return { startedAt, wallMs, cpuMs: usage.userCpuMs + usage.systemCpuMs, maxRssKiB: usage.maxRssKiB };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The wall time, CPU time and peak RSS lines of a bench report, label column 17 wide after `indent`. */
export function measuredRunLines(run: MeasuredRun, indent = '', wallNote = ''): string[] {
  const label = (name: string) => `${indent}${name.padEnd(17 - indent.length)}`;
  return [
    `${label('wall time')}${(run.wallMs / 1000).toFixed(2)} s${wallNote}`,
    `${label('cpu time')}${(run.cpuMs / 1000).toFixed(2)} s`,
    `${label('peak RSS')}${(run.maxRssKiB / 1024).toFixed(1)} MiB`,
  ];
}
