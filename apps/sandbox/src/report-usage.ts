/**
 * Preloaded into a benchmarked CLI (`node --import`, see `runMeasuredCli`): at exit, writes the
 * process's own resource usage as JSON to the file named by C1_BENCH_USAGE_FILE.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.C1_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ maxRssKiB: usage.maxRSS, userCpuMs: usage.userCPUTime / 1000, systemCpuMs: usage.systemCPUTime / 1000 }),
    );
  });
}
