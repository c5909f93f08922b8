import { defaultErrorMessage } from '../http/errors.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** One JSON:API error object as a message: `title: detail` (either alone when the other is missing or the same). */
function errorText(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const title = text(record.title);
  const detail = text(record.detail);
  if (title && detail && title !== detail && !detail.startsWith(title)) return `${title}: ${detail}`;
  return detail ?? title ?? text(record.code);
}

/**
 * The API's message from a JSON:API error body (`{"errors":[{"title","detail",...}]}`):
 * each error's title and detail, joined with `; `. Other bodies are read the usual way
 * (`message`, `detail`, `error`). Pass it as the HTTP client's `errorMessage`.
 */
export function jsonApiErrorMessage(body: unknown): string | undefined {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  if (Array.isArray(errors)) {
    const messages = [...new Set(errors.map(errorText).filter((message): message is string => message !== undefined))];
    if (messages.length > 0) return messages.join('; ');
  }
  return defaultErrorMessage(body);
}
