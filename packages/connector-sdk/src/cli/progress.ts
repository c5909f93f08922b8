import type { HttpWaitObserver } from '../http/index.js';
import type { Logger } from '../log/index.js';
import type { SyncProgress } from '../sync/index.js';
import { formatCount, formatDuration } from './format.js';
import { isTty } from './output.js';
import { describeCountdown, logWaits, WaitBoard, type Countdown } from './wait-board.js';

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
  /**
   * Hears of the HTTP client's waits (rate limits, backoff). On a terminal the line shows a
   * countdown (`waiting for the ilert rate limit, 41 s left`) redrawn every second; otherwise
   * each wait is logged as it starts and every `waitLogIntervalMs` while it lasts.
   */
  httpWait: HttpWaitObserver;
}

/** What {@link createProgressReporter} takes. */
export interface ProgressReporterOptions {
  stderr: NodeJS.WritableStream;
  logger: Logger;
  /** Milliseconds between JSON progress lines when stderr is not a terminal. */
  logIntervalMs?: number;
  /** Milliseconds between redraws of the terminal line. */
  redrawIntervalMs?: number;
  /** Milliseconds between the log lines of a lasting HTTP wait when stderr is not a terminal. Default 10 s. */
  waitLogIntervalMs?: number;
  /** Milliseconds between countdown redraws on a terminal. Default 1 s. */
  countdownIntervalMs?: number;
  now?: () => number;
}

/** The terminal's side of the HTTP waits: a board and a ticker that redraws while any wait lasts. */
function terminalWaits(now: () => number, intervalMs: number, redraw: () => void): TerminalWaits {
  const board = new WaitBoard(now);
  let ticker: ReturnType<typeof setInterval> | undefined;
  let tickers = 0;
  const stop = (): void => {
    clearInterval(ticker);
    ticker = undefined;
    tickers = 0;
  };
  const tick = (): (() => void) => {
    tickers++;
    ticker ??= setInterval(redraw, intervalMs);
    ticker.unref();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--tickers <= 0) stop();
    };
  };
  const observer: HttpWaitObserver = (wait) => {
    const { end } = board.start(wait);
    const untick = tick();
    redraw();
    return () => {
      end();
      untick();
      redraw();
    };
  };
  return { observer, tick, countdowns: () => board.countdowns(), stop };
}

/** What {@link terminalWaits} returns. */
interface TerminalWaits {
  /** Shows an HTTP wait's countdown while it lasts. */
  observer: HttpWaitObserver;
  /** Redraws every interval until the returned function is called (the engine's retry waits). */
  tick: () => () => void;
  countdowns: () => Countdown[];
  stop: () => void;
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
  let latest: SyncProgress | undefined;
  /** When the engine's own retry wait (`waitingMs` of the latest event) ends, on `now`'s clock. */
  let retryEndsAt: number | undefined;
  const clear = (): void => {
    if (drawn) options.stderr.write('\r\x1b[2K');
    drawn = false;
  };
  const draw = (at: number): void => {
    if (!latest) return;
    const shown = retryEndsAt === undefined ? latest : { ...latest, waitingMs: Math.max(0, retryEndsAt - at) };
    options.stderr.write(`\r\x1b[2K${describeProgress(shown, at - started, waits.countdowns())}`);
    drawn = true;
  };
  const waits = terminalWaits(now, options.countdownIntervalMs ?? 1000, () => draw(now()));
  let endRetryWait: (() => void) | undefined;
  return {
    update(event) {
      const at = now();
      // The start and end of a retry wait are drawn at once, and the wait ticks down meanwhile.
      const waitChanged = interactive && (event.waitingMs !== undefined) !== (retryEndsAt !== undefined);
      latest = event;
      retryEndsAt = event.waitingMs === undefined ? undefined : at + event.waitingMs;
      if (waitChanged) {
        endRetryWait?.();
        endRetryWait = event.waitingMs === undefined ? undefined : waits.tick();
      }
      if (at - last < interval && !waitChanged) return;
      last = at;
      if (interactive) draw(at);
      else options.logger.info('sync progress', progressFields(event, at - started));
    },
    done() {
      waits.stop();
      endRetryWait = undefined;
      retryEndsAt = undefined;
      latest = undefined;
      clear();
    },
    around: (logger) => (interactive ? clearingLogger(logger, () => drawn && (clear(), (last = Number.NEGATIVE_INFINITY))) : logger),
    httpWait: interactive
      ? waits.observer
      : logWaits(options.logger, { now, ...(options.waitLogIntervalMs !== undefined && { intervalMs: options.waitLogIntervalMs }) }),
  };
}

/** The fields of a `sync progress` log line. */
function progressFields(event: SyncProgress, elapsedMs: number): Record<string, unknown> {
  return {
    phase: event.phase,
    ...(event.resourceTypeId !== undefined && { resourceType: event.resourceTypeId }),
    pages: event.pages,
    objects: event.objects,
    ...(event.waitingMs !== undefined && { retryWaitMs: event.waitingMs }),
    elapsedMs,
  };
}

/** `inner`, calling `before` ahead of every line it writes. */
function clearingLogger(inner: Logger, before: () => unknown): Logger {
  return {
    debug: (message, fields) => (before(), inner.debug(message, fields)),
    info: (message, fields) => (before(), inner.info(message, fields)),
    warn: (message, fields) => (before(), inner.warn(message, fields)),
    error: (message, fields) => (before(), inner.error(message, fields)),
    child: (fields) => clearingLogger(inner.child(fields), before),
  };
}

/** The one-line text of a progress event. */
export function describeProgress(event: SyncProgress, elapsedMs: number, countdowns: readonly Countdown[] = []): string {
  const parts = [`syncing ${event.phase}`];
  if (event.resourceTypeId) parts.push(event.resourceTypeId);
  parts.push(`${formatCount(event.pages)} pages`, `${formatCount(event.objects)} objects`);
  const [longest] = countdowns;
  if (longest) parts.push(describeCountdown(longest));
  else if (event.waitingMs) parts.push(`waiting ${formatDuration(event.waitingMs)} to retry`);
  parts.push(formatDuration(elapsedMs));
  return parts.join(' · ');
}
