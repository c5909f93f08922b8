/**
 * The exit codes every `baton-<name>` binary uses.
 *
 * - 0: success.
 * - 1: the job failed (the API refused, the sync or a provisioning call failed).
 * - 2: bad usage or config; the message lists every problem.
 * - 130 / 143: interrupted by SIGINT / SIGTERM (128 + signal number, as shells report it);
 *   a sync checkpoints first, so running the same command again resumes it.
 */
export const EXIT_CODES = { ok: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code for a run stopped by `signal` (its `reason` is the signal name, e.g. `SIGTERM`). */
export function exitCodeForAbort(signal: AbortSignal): ExitCode {
  return signal.reason === 'SIGTERM' ? EXIT_CODES.terminated : EXIT_CODES.interrupted;
}

/** The abort reason used when stdout's reader closed the pipe; the run then exits 0 quietly. */
export const STDOUT_CLOSED = 'EPIPE';
