import { formatConsoleLine, formatJsonLine, type LogRecord } from './format.js';
import { LOG_LEVELS, type LogFields, type Logger, type LogLevel } from './logger.js';
import { redactText, redactValue } from './redact.js';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The least severe level written; default `info`. */
  level?: LogLevel;
  /** `json` lines (default) or readable `console` lines. */
  format?: 'json' | 'console';
  /** Where lines go; default `process.stderr`. */
  stream?: NodeJS.WritableStream;
  /** Fields added to every line. */
  fields?: LogFields;
  /** Colour console lines; default: when the stream is a TTY and `NO_COLOR` is not set. */
  colour?: boolean;
  /** The clock stamped on lines (tests). */
  now?: () => Date;
}

/**
 * Creates a structured logger. Every line goes through one write path that redacts it:
 * registered secrets and `Bearer` credentials are scrubbed from the message and every string,
 * values under credential-like names (`authorization`, `cookie`, `x-api-key`, `*token`,
 * `*secret`, `*password`, `api_key`) become `[REDACTED]` at any depth, and Errors are reduced to
 * `{name, message, code}`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const minimum = LOG_LEVELS.indexOf(options.level ?? 'info');
  const threshold = minimum === -1 ? LOG_LEVELS.indexOf('info') : minimum;
  const colour = options.colour ?? (isTty(stream) && !process.env.NO_COLOR);
  const now = options.now ?? (() => new Date());
  const format = (record: LogRecord): string => (options.format === 'console' ? formatConsoleLine(record, colour) : formatJsonLine(record));

  const write = (level: LogLevel, message: string, fields: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const record: LogRecord = { time: now(), level, msg: redactText(String(message)), fields: redactValue(fields) as LogFields };
    try {
      // A last pass over the whole line catches a secret that only appears once formatted.
      stream.write(`${redactText(format(record))}\n`);
    } catch {
      // A closed stream must not turn logging into a crash.
    }
  };

  const make = (base: LogFields): Logger => ({
    debug: (message, fields) => write('debug', message, { ...base, ...fields }),
    info: (message, fields) => write('info', message, { ...base, ...fields }),
    warn: (message, fields) => write('warn', message, { ...base, ...fields }),
    error: (message, fields) => write('error', message, { ...base, ...fields }),
    child: (fields) => make({ ...base, ...fields }),
  });
  return make({ ...options.fields });
}

function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
}
