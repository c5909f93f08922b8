import type { LogFields, LogLevel } from './logger.js';
import { plainText, terminalSafeJson } from './plain-text.js';

/** One log line before formatting; its message and fields are already redacted. */
export interface LogRecord {
  time: Date;
  level: LogLevel;
  msg: string;
  fields: LogFields;
}

const RESERVED = new Set(['time', 'level', 'msg']);

/** A JSON line: `{"time","level","msg",...fields}`; a field named like a reserved key is kept as `field.<name>`. */
export function formatJsonLine(record: LogRecord): string {
  const line: Record<string, unknown> = { time: record.time.toISOString(), level: record.level, msg: record.msg };
  for (const [key, value] of Object.entries(record.fields)) {
    line[RESERVED.has(key) ? `field.${key}` : key] = value;
  }
  return terminalSafeJson(JSON.stringify(line));
}

const LEVEL_COLOURS: Record<LogLevel, string> = { debug: '90', info: '36', warn: '33', error: '31' };
const paint = (code: string, text: string): string => `\u001b[${code}m${text}\u001b[0m`;

/** A readable line: `time LEVEL message key=value ...`, coloured when `colour` is set. */
export function formatConsoleLine(record: LogRecord, colour: boolean): string {
  const level = record.level.toUpperCase().padEnd(5);
  const parts = [
    colour ? paint('2', record.time.toISOString()) : record.time.toISOString(),
    colour ? paint(LEVEL_COLOURS[record.level], level) : level,
    plainText(record.msg),
  ];
  for (const [key, value] of Object.entries(record.fields)) {
    if (value === undefined) continue;
    const text = consoleValue(value);
    parts.push(colour ? `${paint('2', `${key}=`)}${text}` : `${key}=${text}`);
  }
  return parts.join(' ');
}

function consoleValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? plainText(value) : terminalSafeJson(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return terminalSafeJson(JSON.stringify(value) ?? String(value));
}
