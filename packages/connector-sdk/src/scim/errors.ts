import * as v from 'valibot';
import { defaultErrorMessage } from '../http/errors.js';
import { SCIM_SCHEMAS, scimErrorSchema, type ScimError } from './schemas.js';

/** The SCIM Error in a response body, or undefined when the body is not one. */
export function parseScimError(body: unknown): ScimError | undefined {
  const result = v.safeParse(scimErrorSchema, body);
  if (!result.success) return undefined;
  const urns = [...(result.output.schemas ?? []), ...(result.output.schema ?? [])];
  const isScim = urns.includes(SCIM_SCHEMAS.error) || Boolean(result.output.scimType) || Boolean(result.output.detail);
  return isScim ? result.output : undefined;
}

/**
 * The API's own message from a SCIM error body, for the HTTP client's `errorMessage` hook:
 * `detail`, followed by the `scimType` keyword (`No matching schema for attribute: x (invalidFilter)`).
 * Bodies that are not SCIM errors fall back to the usual fields (`message`, `error_description`, ...).
 */
export function scimErrorMessage(body: unknown): string | undefined {
  const error = parseScimError(body);
  if (!error) return defaultErrorMessage(body);
  const detail = error.detail?.trim();
  const scimType = error.scimType?.trim();
  if (detail && scimType) return `${detail} (${scimType})`;
  return detail || scimType || undefined;
}
