/** What a spreadsheet program takes as the start of a formula (or of a DDE command). */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Quotes one CSV field when it needs it (RFC 4180). A text cell that a spreadsheet program
 * would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading `'`, so it shows
 * as the text it is; numbers and booleans are written as they are.
 */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRecord(values: readonly (string | number | boolean | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
