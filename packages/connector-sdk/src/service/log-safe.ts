/** An error's message for a log line (errors of this module never carry a secret or token). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
