/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) by self time: prints the top entries
 * (default 10, or the second argument) as function, location and share of the samples.
 * Usage: `node bench/profile-top.mjs <file.cpuprofile> [count]`.
 */
import { readFileSync } from 'node:fs';

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-top.mjs <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const count = Number(countArg ?? 10);

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const deltas = profile.timeDeltas;
const selfMicros = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (deltas[i] ?? 0));
}

const byFunction = new Map();
let total = 0;
for (const [id, micros] of selfMicros) {
  const frame = nodes.get(id).callFrame;
  const where = frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
  const key = `${frame.functionName || '(anonymous)'}\t${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  total += micros;
}

const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, count);
console.log(`total ${(total / 1e6).toFixed(2)} s sampled`);
for (const [key, micros] of top) {
  const [name, where] = key.split('\t');
  console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1e6).toFixed(2).padStart(6)} s  ${name}  ${where}`);
}
