import type { CliSettings } from '../cli/settings.js';

/** Whether the resolved config asks for service mode (`--client-id` / BATON_CLIENT_ID). */
export function serviceModeRequested(settings: CliSettings): boolean {
  return settings.clientId !== undefined;
}
