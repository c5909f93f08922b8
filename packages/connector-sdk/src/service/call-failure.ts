import { Code, ConnectError } from '@connectrpc/connect';

/** A failed call to C1, with its gRPC status code (the numbers of connect's `Code`). */
export class C1CallError extends Error {
  override readonly name = 'C1CallError';
  readonly code: number;

  constructor(message: string, code: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The `code` of a Node.js network or TLS error in `error`'s cause chain (`ECONNREFUSED`, `CERT_HAS_EXPIRED`). */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * A failed RPC as a C1CallError, with the decisions gRPC clients make: a status C1 (or a proxy
 * in front of it) answered with keeps its code; a call that ran out of time is
 * `DeadlineExceeded`; a call that got no answer (connection refused, reset or closed, TLS
 * refused, a stream cut short) is `Unavailable`, so the task loop backs off and retries it
 * instead of mistaking it for a refusal.
 */
export function callFailure(method: string, error: unknown): C1CallError {
  const connect = ConnectError.from(error);
  const answered = [...connect.metadata.keys()].length > 0;
  if (answered || connect.code === Code.DeadlineExceeded) {
    return new C1CallError(`C1 ${method}: ${connect.rawMessage || Code[connect.code]}`, connect.code, { cause: error });
  }
  const reason = networkErrorCode(error) ?? connect.rawMessage;
  return new C1CallError(`C1 is unreachable: ${reason}`, Code.Unavailable, { cause: error });
}
