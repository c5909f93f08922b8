import type { HttpWait, HttpWaitObserver } from '../http/index.js';
import type { Logger } from '../log/index.js';

/** What an operator reads while a wait lasts: `waiting for the ilert rate limit`. */
export function describeWait(wait: HttpWait): string {
  switch (wait.reason) {
    case 'rate-limit':
      return `waiting for the ${wait.service} rate limit`;
    case 'client-limit':
      return `waiting for the ${wait.service} client-side rate limit`;
    case 'retry':
      return `waiting to retry ${wait.service} ${wait.endpoint ?? 'request'}${wait.status === undefined ? '' : ` (${wait.status})`}`;
  }
}

/** One wait under way, as shown: `waiting for the ilert rate limit, 41 s left`. */
export interface Countdown {
  label: string;
  secondsLeft: number;
  /** The wait as the client announced it (the longest of those sharing the label). */
  wait: HttpWait;
}

/** `waiting for the ilert rate limit, 41 s left`. */
export function describeCountdown(countdown: Countdown): string {
  return `${countdown.label}, ${countdown.secondsLeft} s left`;
}

interface Entry {
  wait: HttpWait;
  endsAt: number;
  holders: number;
}

/**
 * The HTTP waits under way. Waits with the same label (every worker held by one rate limit)
 * count as one, ending when the last of them ends. Times are the board's own clock: the end of
 * a wait is `now() + waitMs` when it is announced.
 */
export class WaitBoard {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Records a wait starting now; `first` says whether its label was not shown yet. */
  start(wait: HttpWait): { first: boolean; end: () => void } {
    const label = describeWait(wait);
    const endsAt = this.#now() + wait.waitMs;
    const entry = this.#entries.get(label);
    if (entry) {
      entry.holders++;
      if (endsAt > entry.endsAt) Object.assign(entry, { endsAt, wait });
    } else {
      this.#entries.set(label, { wait, endsAt, holders: 1 });
    }
    let ended = false;
    const end = (): void => {
      const current = this.#entries.get(label);
      if (ended || !current) return;
      ended = true;
      if (--current.holders === 0) this.#entries.delete(label);
    };
    return { first: entry === undefined, end };
  }

  /** Every wait under way, the one ending last first. */
  countdowns(): Countdown[] {
    const now = this.#now();
    return [...this.#entries]
      .map(([label, entry]) => ({ label, secondsLeft: Math.max(0, Math.ceil((entry.endsAt - now) / 1000)), wait: entry.wait }))
      .sort((a, b) => b.secondsLeft - a.secondsLeft);
  }

  get empty(): boolean {
    return this.#entries.size === 0;
  }
}

/** Milliseconds between the log lines of a wait that lasts. */
export const WAIT_LOG_INTERVAL_MS = 10_000;

/** The log line of a countdown, with its facts as fields. */
export function logCountdown(logger: Logger, countdown: Countdown): void {
  const { wait } = countdown;
  logger.info(describeCountdown(countdown), {
    service: wait.service,
    reason: wait.reason,
    secondsLeft: countdown.secondsLeft,
    ...(wait.endpoint === undefined ? {} : { endpoint: wait.endpoint }),
    ...(wait.status === undefined ? {} : { status: wait.status }),
  });
}

/**
 * An observer that logs each HTTP wait as it starts (`waiting for the ilert rate limit, 41 s
 * left`) and again every `intervalMs` while it lasts, with `secondsLeft` as a field.
 */
export function logWaits(logger: Logger, options: { intervalMs?: number; now?: () => number } = {}): HttpWaitObserver {
  const board = new WaitBoard(options.now ?? Date.now);
  let ticker: ReturnType<typeof setInterval> | undefined;
  return (wait) => {
    const { first, end } = board.start(wait);
    if (first) {
      const shown = board.countdowns().find((countdown) => countdown.label === describeWait(wait));
      if (shown) logCountdown(logger, shown);
    }
    ticker ??= setInterval(() => {
      for (const countdown of board.countdowns()) logCountdown(logger, countdown);
    }, options.intervalMs ?? WAIT_LOG_INTERVAL_MS);
    ticker.unref();
    return () => {
      end();
      if (board.empty && ticker) {
        clearInterval(ticker);
        ticker = undefined;
      }
    };
  };
}
