/** Thrown by `runSync` when its signal aborts, after the sync was checkpointed. */
export class SyncAbortedError extends Error {
  override readonly name = 'AbortError';

  constructor(
    /** The interrupted sync; running the same command again resumes it. */
    readonly syncId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      syncId === undefined ? 'sync aborted before it started' : `sync ${syncId} interrupted; run the same command again to resume it`,
      options,
    );
  }
}
