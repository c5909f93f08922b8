import { ConnectorError } from '../errors/connector-error.js';
import { hasAnnotation, TRAIT_ANNOTATION_TYPES, type Annotation } from '../model/annotations.js';
import { resourceKey } from '../model/ids.js';
import type { Resource, ResourceType } from '../model/types.js';

/**
 * Checks a listed resource: it must be of the listed type and carry the trait annotation of
 * every trait the type declares (Baton fails with "resource was missing expected trait").
 */
export function checkResource(type: ResourceType, resource: Resource): void {
  if (resource.id.resourceType !== type.id) {
    throw new ConnectorError(`listing resources of type "${type.id}" returned ${resourceKey(resource.id)} of another type`, {
      code: 'internal',
    });
  }
  for (const trait of type.traits) {
    const wanted = TRAIT_ANNOTATION_TYPES[trait];
    if (!hasAnnotation(resource.annotations, wanted)) {
      throw new ConnectorError(
        `resource ${resourceKey(resource.id)} was missing expected trait: its type "${type.id}" declares ${trait}, so it needs a ${wanted.split('.').pop()} annotation`,
        { code: 'internal' },
      );
    }
  }
}

/** Whether annotations say to skip listing entitlements. */
export function skipsEntitlements(annotations: readonly Annotation[]): boolean {
  return (
    hasAnnotation(annotations, 'c1.connector.v2.SkipEntitlementsAndGrants') ||
    hasAnnotation(annotations, 'c1.connector.v2.SkipEntitlements')
  );
}

/** Whether annotations say to skip listing grants. */
export function skipsGrants(annotations: readonly Annotation[]): boolean {
  return (
    hasAnnotation(annotations, 'c1.connector.v2.SkipEntitlementsAndGrants') || hasAnnotation(annotations, 'c1.connector.v2.SkipGrants')
  );
}
