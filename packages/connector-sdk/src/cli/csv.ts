/** Quotes one CSV field when it needs it (RFC 4180). */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRecord(values: readonly (string | number | boolean | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
