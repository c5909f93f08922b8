import type { LogFields, Logger, LogLevel } from '../log/logger.js';

/** One line a {@link RecordingLogger} kept: its fields are the child's fields and the line's, merged. */
export interface RecordedLogLine {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

/** A logger that keeps every line it is given, its children's included, for tests to read. */
export interface RecordingLogger extends Logger {
  /** Every line logged here or on a child, in order. */
  readonly lines: RecordedLogLine[];
  /** The lines logged at `level`. */
  linesAt(level: LogLevel): RecordedLogLine[];
}

/** A {@link RecordingLogger}; `child` loggers write to the same list with their fields merged in. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordedLogLine[] = [];
  const make = (base: LogFields): Logger => {
    const at =
      (level: LogLevel) =>
      (message: string, fields?: LogFields): void => {
        lines.push({ level, message, fields: { ...base, ...fields } });
      };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (fields) => make({ ...base, ...fields }) };
  };
  return { ...make({}), lines, linesAt: (level) => lines.filter((line) => line.level === level) };
}
