/**
 * The floor the store is measured against: the rows of a c1z file (BENCH_FLOOR_INPUT, written by
 * sync-1m.mjs) inserted again with plain node:sqlite inserts in one transaction into a fresh
 * database with Baton's tables, every index built after the rows, and the database compressed
 * with zstd into a c1z file, as the store's finish() does. Only this work is timed: the rows are
 * read from the input in chunks between the timed inserts. Prints JSON figures.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pipeline } from 'node:stream/promises';
import { constants, createZstdCompress, createZstdDecompress } from 'node:zlib';

const CHUNK = 5000;
const TABLES = ['v1_sync_runs', 'v1_resource_types', 'v1_resources', 'v1_entitlements', 'v1_grants'];

const input = process.env.BENCH_FLOOR_INPUT;
if (!input) throw new Error('set BENCH_FLOOR_INPUT to a c1z file written by sync-1m.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sync-floor-'));
try {
  const sourcePath = join(dir, 'source.db');
  await pipeline(createReadStream(input, { start: 5 }), createZstdDecompress(), createWriteStream(sourcePath));
  const source = new DatabaseSync(sourcePath, { readOnly: true });
  const schema = source.prepare("select type, sql from sqlite_master where sql is not null and name not like 'sqlite_%'").all();
  const target = new DatabaseSync(join(dir, 'floor.db'));

  let timedMs = 0;
  let cpu = { user: 0, system: 0 };
  const timed = (work) => {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    const result = work();
    timedMs += performance.now() - start;
    const used = process.cpuUsage(startCpu);
    cpu = { user: cpu.user + used.user, system: cpu.system + used.system };
    return result;
  };

  let rows = 0;
  timed(() => {
    for (const { sql } of schema.filter((entry) => entry.type === 'table')) target.exec(sql);
    target.exec('begin');
  });
  for (const table of TABLES) {
    const columns = source
      .prepare(`select name from pragma_table_info('${table}')`)
      .all()
      .map((c) => c.name);
    const insert = target.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const page = source.prepare(`select ${columns.join(', ')} from ${table} where id > ? order by id limit ${CHUNK}`);
    page.setReturnArrays?.(true);
    for (let after = 0; ;) {
      const chunk = page.all(after).map((row) => (Array.isArray(row) ? row : columns.map((c) => row[c])));
      if (chunk.length === 0) break;
      timed(() => {
        for (const row of chunk) insert.run(...row);
      });
      rows += chunk.length;
      after = chunk[chunk.length - 1][0];
    }
  }
  timed(() => {
    target.exec('commit');
    for (const { sql } of schema.filter((entry) => entry.type === 'index')) target.exec(sql);
    target.close();
  });
  source.close();

  const out = join(dir, 'floor.c1z');
  const startCpu = process.cpuUsage();
  const start = performance.now();
  const file = createWriteStream(out);
  file.write(Buffer.from('C1ZF\x00', 'latin1'));
  await pipeline(
    createReadStream(join(dir, 'floor.db')),
    createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: 1, [constants.ZSTD_c_checksumFlag]: 1 } }),
    file,
  );
  timedMs += performance.now() - start;
  const used = process.cpuUsage(startCpu);
  cpu = { user: cpu.user + used.user, system: cpu.system + used.system };

  console.log(
    JSON.stringify({
      rows,
      seconds: Number((timedMs / 1000).toFixed(2)),
      rowsPerSecond: Math.round(rows / (timedMs / 1000)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      peakRssMiB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
      fileBytes: statSync(out).size,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
