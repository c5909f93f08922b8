import type { Logger } from '../log/index.js';
import type { SyncProgress } from '../sync/index.js';
import { formatCount, formatDuration } from './format.js';
import { isTty } from './output.js';

/** Receives the sync engine's progress events and shows them to the operator. */
export interface ProgressReporter {
  update(event: SyncProgress): void;
  /** Clears the progress line; call once the sync has ended, before printing anything else. */
  done(): void;
  /**
   * A logger whose lines do not collide with the progress line: each one clears it first, and
   * the next update redraws it below the log line.
   */
  around(logger: Logger): Logger;
}

/** What {@link createProgressReporter} takes. */
export interface ProgressReporterOptions {
  stderr: NodeJS.WritableStream;
  logger: Logger;
  /** Milliseconds between JSON progress lines when stderr is not a terminal. */
  logIntervalMs?: number;
  /** Milliseconds between redraws of the terminal line. */
  redrawIntervalMs?: number;
  now?: () => number;
}

/**
 * On a terminal: one line on stderr, redrawn in place (phase, resource type, pages, objects,
 * rate-limit waits, elapsed time). Otherwise: a `sync progress` log line at most every
 * `logIntervalMs` (2 s), so log collectors are not flooded.
 */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const started = now();
  const interactive = isTty(options.stderr);
  const interval = interactive ? (options.redrawIntervalMs ?? 100) : (options.logIntervalMs ?? 2000);
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const clear = (): void => {
    if (drawn) options.stderr.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    update(event) {
      const at = now();
      if (at - last < interval) return;
      last = at;
      if (interactive) {
        options.stderr.write(`\r\x1b[2K${describeProgress(event, at - started)}`);
        drawn = true;
      } else {
        options.logger.info('sync progress', {
          phase: event.phase,
          ...(event.resourceTypeId !== undefined && { resourceType: event.resourceTypeId }),
          pages: event.pages,
          objects: event.objects,
          ...(event.waitingMs !== undefined && { retryWaitMs: event.waitingMs }),
          elapsedMs: at - started,
        });
      }
    },
    done: clear,
    around(logger) {
      if (!interactive) return logger;
      const clearing = (inner: Logger): Logger => {
        const before = (): void => {
          if (!drawn) return;
          clear();
          last = Number.NEGATIVE_INFINITY;
        };
        return {
          debug: (message, fields) => (before(), inner.debug(message, fields)),
          info: (message, fields) => (before(), inner.info(message, fields)),
          warn: (message, fields) => (before(), inner.warn(message, fields)),
          error: (message, fields) => (before(), inner.error(message, fields)),
          child: (fields) => clearing(inner.child(fields)),
        };
      };
      return clearing(logger);
    },
  };
}

/** The one-line text of a progress event. */
export function describeProgress(event: SyncProgress, elapsedMs: number): string {
  const parts = [`syncing ${event.phase}`];
  if (event.resourceTypeId) parts.push(event.resourceTypeId);
  parts.push(`${formatCount(event.pages)} pages`, `${formatCount(event.objects)} objects`);
  if (event.waitingMs) parts.push(`waiting ${formatDuration(event.waitingMs)} to retry`);
  parts.push(formatDuration(elapsedMs));
  return parts.join(' · ');
}
