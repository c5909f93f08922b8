// Preload for end-to-end tests: on exit, writes the process's peak resident set size (bytes) to
// the file named by MAX_RSS_FILE, so a test can bound the memory a run took.
import { writeFileSync } from 'node:fs';

const target = process.env.MAX_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
