import { plainText } from '../log/plain-text.js';
import type { TextOutput } from './output.js';

/** One column of a table: its header and how to read a row's cell. */
export interface Column<T> {
  header: string;
  cell(row: T): string;
}

/** Options of {@link writeTable}. */
export interface TableOptions {
  /** Rows read before column widths are fixed; later rows stream without buffering. */
  sampleSize?: number;
  /** Cells longer than this are cut with `…`. */
  maxCellWidth?: number;
  /** Printed instead of the header when there are no rows. */
  emptyMessage?: string;
}

const GAP = '  ';

/**
 * Prints rows as an aligned table. Widths come from the first `sampleSize` rows, so a listing
 * of any size streams; a longer cell further down only pushes its own line out of alignment.
 * Returns the number of rows printed.
 */
export async function writeTable<T>(
  out: TextOutput,
  columns: readonly Column<T>[],
  rows: Iterable<T>,
  options: TableOptions = {},
): Promise<number> {
  const sampleSize = options.sampleSize ?? 500;
  const maxWidth = options.maxCellWidth ?? 60;
  const fit = (text: string): string => {
    const flat = plainText(text.replace(/[\r\n\t]+/g, ' '));
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const iterator = rows[Symbol.iterator]();
  const sample: string[][] = [];
  let next = iterator.next();
  while (!next.done && sample.length < sampleSize) {
    const row = next.value;
    sample.push(columns.map((column) => fit(column.cell(row))));
    next = iterator.next();
  }
  if (sample.length === 0) {
    if (options.emptyMessage) await out.line(options.emptyMessage);
    return 0;
  }
  const widths = columns.map((column, index) => Math.max(column.header.length, ...sample.map((cells) => cells[index]?.length ?? 0)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join(GAP)
      .trimEnd();
  await out.line(render(columns.map((column) => column.header)));
  for (const cells of sample) await out.line(render(cells));
  let count = sample.length;
  while (!next.done) {
    const row = next.value;
    await out.line(render(columns.map((column) => fit(column.cell(row)))));
    count++;
    next = iterator.next();
  }
  return count;
}
