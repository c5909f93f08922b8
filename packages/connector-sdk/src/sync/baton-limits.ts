import type { Annotation } from '../model/annotations.js';
import { resourceKey } from '../model/ids.js';
import { LIMITS, truncateUtf8, utf8Length } from '../model/limits.js';
import type { Entitlement, Grant, Resource } from '../model/types.js';

/** The earliest and latest instants a protobuf Timestamp (and so Baton's reader) accepts. */
const EARLIEST = -62_135_596_800_000; // 0001-01-01T00:00:00Z (Date.UTC maps years 0-99 to 19xx)
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** What screening found wrong with one object: `skip` when it cannot be written at all. */
export interface LimitFindings {
  /** Why the object cannot be written (an id over Baton's limit); undefined when it can. */
  skip?: string;
  /** Fields changed to fit: truncated text, dropped timestamps. */
  fixed: string[];
}

/**
 * Fits a listed object to Baton's limits before it is stored, so one bad record neither aborts
 * the sync nor makes a file Baton's reader refuses: text over its byte limit is truncated at a
 * character boundary, a timestamp outside 0001-9999 is dropped, and an id over the limit
 * makes the object one to skip. Objects embedded in entitlements and grants are fitted too.
 */
export function fitResource(item: Resource, findings: LimitFindings = { fixed: [] }): Resource {
  if (overBytes(item.id.resource, LIMITS.id) || overBytes(item.id.resourceType, LIMITS.id)) {
    findings.skip ??= `its id is over ${LIMITS.id} bytes`;
  }
  if (fitsResource(item)) return item;
  const before = findings.fixed.length;
  const fitted: Resource = { ...item, displayName: fitText(item.displayName, LIMITS.resourceDisplayName, 'displayName', findings) };
  if (item.description !== undefined) {
    fitted.description = fitText(item.description, LIMITS.resourceDescription, 'description', findings);
  }
  if (item.status?.details !== undefined && utf8Length(item.status.details) > LIMITS.statusDetails) {
    fitted.status = { ...item.status, details: fitText(item.status.details, LIMITS.statusDetails, 'status.details', findings) };
  }
  if (item.createdAt !== undefined && !inRange(item.createdAt)) {
    delete fitted.createdAt;
    findings.fixed.push(`createdAt ${describeDate(item.createdAt)} dropped (outside 0001-9999)`);
  }
  fitted.annotations = item.annotations.map((annotation) => fitAnnotation(annotation, findings));
  return findings.fixed.length === before ? item : fitted;
}

/** {@link fitResource} for an entitlement, with its resource. */
export function fitEntitlement(item: Entitlement, findings: LimitFindings = { fixed: [] }): Entitlement {
  if (overBytes(item.id, LIMITS.id)) findings.skip ??= `its id is over ${LIMITS.id} bytes`;
  const resource = fitResource(item.resource, findings);
  if (
    resource === item.resource &&
    !overBytes(item.displayName, LIMITS.resourceDisplayName) &&
    (item.description === undefined || !overBytes(item.description, LIMITS.entitlementDescription))
  ) {
    return item;
  }
  const fitted: Entitlement = { ...item, resource };
  fitted.displayName = fitText(item.displayName, LIMITS.resourceDisplayName, 'displayName', findings);
  if (item.description !== undefined) {
    fitted.description = fitText(item.description, LIMITS.entitlementDescription, 'description', findings);
  }
  return fitted;
}

/** {@link fitResource} for a grant, with its entitlement and principal. */
export function fitGrant(item: Grant, findings: LimitFindings = { fixed: [] }): Grant {
  if (overBytes(item.id, LIMITS.id)) findings.skip ??= `its id is over ${LIMITS.id} bytes`;
  const entitlement = fitEntitlement(item.entitlement, findings);
  const principal = fitResource(item.principal, findings);
  return entitlement === item.entitlement && principal === item.principal ? item : { ...item, entitlement, principal };
}

/** The key to name an object by in a warning, cut to a readable length. */
export function recordName(item: Resource | Entitlement | Grant): string {
  const key = 'id' in item && typeof item.id === 'string' ? item.id : resourceKey((item as Resource).id);
  return key.length > 120 ? `${key.slice(0, 100)}... (${utf8Length(key)} bytes)` : key;
}

/**
 * Whether a string is over `max` UTF-8 bytes. A UTF-16 code unit takes at most three bytes, so
 * strings short enough are never measured: the check costs nothing for nearly all data.
 */
function overBytes(value: string, max: number): boolean {
  return value.length * 3 > max && utf8Length(value) > max;
}

/** Whether a resource's own fields already fit (ids aside), so {@link fitResource} keeps it as it is. */
function fitsResource(item: Resource): boolean {
  if (overBytes(item.displayName, LIMITS.resourceDisplayName)) return false;
  if (item.description !== undefined && overBytes(item.description, LIMITS.resourceDescription)) return false;
  if (item.status?.details !== undefined && overBytes(item.status.details, LIMITS.statusDetails)) return false;
  if (item.createdAt !== undefined && !inRange(item.createdAt)) return false;
  for (const annotation of item.annotations) if (!fitsAnnotation(annotation)) return false;
  return true;
}

/** Whether no Date field of an annotation is outside what a protobuf Timestamp holds. */
function fitsAnnotation(annotation: Annotation): boolean {
  for (const key in annotation) {
    const value: unknown = annotation[key as keyof Annotation];
    if (value instanceof Date && !inRange(value)) return false;
  }
  return true;
}

function fitText(value: string, max: number, field: string, findings: LimitFindings): string {
  const bytes = utf8Length(value);
  if (bytes <= max) return value;
  findings.fixed.push(`${field} truncated from ${bytes} to ${max} bytes`);
  return truncateUtf8(value, max);
}

/** Drops the Date fields of a trait annotation that a protobuf Timestamp cannot hold. */
function fitAnnotation(annotation: Annotation, findings: LimitFindings): Annotation {
  let fitted: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(annotation)) {
    if (value instanceof Date && !inRange(value)) {
      fitted ??= { ...annotation };
      delete fitted[key];
      findings.fixed.push(`${key} ${describeDate(value)} dropped (outside 0001-9999)`);
    }
  }
  return (fitted as Annotation | undefined) ?? annotation;
}

function inRange(date: Date): boolean {
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST;
}

function describeDate(date: Date): string {
  return Number.isFinite(date.getTime()) ? `year ${date.getUTCFullYear()}` : 'invalid date';
}
