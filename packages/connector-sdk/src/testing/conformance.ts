import { findAnnotation, TRAIT_ANNOTATION_TYPES, type AnnotationTypeName } from '../model/annotations.js';
import type { TraitName } from '../model/enums.js';
import { entitlementId, grantId, resourceKey } from '../model/ids.js';
import { LIMITS } from '../model/limits.js';
import type { Entitlement, Grant, Resource, ResourceType } from '../model/types.js';
import type { PagingRecord } from './paging-recorder.js';

/** The rules {@link checkConformance} applies. */
export const CONFORMANCE_RULES = {
  'unique-ids': 'ids are unique within resource types, resources, entitlements and grants',
  'id-format': "ids follow Baton's formats",
  'resource-type-exists': 'every resource and entitlement names a declared resource type',
  'trait-matches-type': "resources carry exactly the traits of their type's trait list",
  'entitlement-resource-exists': "every entitlement's resource was synced",
  'grant-entitlement-exists': "every grant's entitlement was synced",
  'grant-principal-exists': "every grant's principal was synced",
  'grantable-to': "every direct grant's principal has a type the entitlement is grantable to",
  pagination: 'every listing terminates and never returns the token it was given or an earlier one',
} as const;

/** One of {@link CONFORMANCE_RULES}. */
export type ConformanceRule = keyof typeof CONFORMANCE_RULES;

/** One way a sync result breaks the rules. */
export interface ConformanceViolation {
  rule: ConformanceRule;
  message: string;
}

/** What {@link checkConformance} reads: the shape `runConnectorInMemory` returns. */
export interface ConformanceInput {
  resourceTypes: readonly ResourceType[];
  resources: readonly Resource[];
  entitlements: readonly Entitlement[];
  grants: readonly Grant[];
  paging?: PagingRecord;
}

const utf8 = new TextEncoder();

/**
 * Checks what a sync produced against the rules every Baton connector must follow and returns
 * every violation found (an empty list means the result conforms).
 */
export function checkConformance(collected: ConformanceInput): ConformanceViolation[] {
  const violations: ConformanceViolation[] = [];
  const report = (rule: ConformanceRule, message: string) => violations.push({ rule, message });

  const typesById = new Map<string, ResourceType>();
  for (const type of collected.resourceTypes) {
    if (typesById.has(type.id)) report('unique-ids', `resource type ${type.id} appears more than once`);
    typesById.set(type.id, type);
    checkIdText(report, `resource type id "${type.id}"`, type.id);
    if (type.id !== type.id.toLowerCase()) report('id-format', `resource type id "${type.id}" is not lower case`);
  }

  const resourcesByKey = new Map<string, Resource>();
  for (const res of collected.resources) {
    const key = resourceKey(res.id);
    if (resourcesByKey.has(key)) report('unique-ids', `resource ${key} appears more than once`);
    resourcesByKey.set(key, res);
    checkIdText(report, `resource ${key}`, res.id.resource);
    const type = typesById.get(res.id.resourceType);
    if (!type) {
      report('resource-type-exists', `resource ${key} has undeclared resource type "${res.id.resourceType}"`);
      continue;
    }
    checkTraits(report, key, type, res);
  }

  const entitlementsById = new Map<string, Entitlement>();
  for (const ent of collected.entitlements) {
    if (entitlementsById.has(ent.id)) report('unique-ids', `entitlement ${ent.id} appears more than once`);
    entitlementsById.set(ent.id, ent);
    const expected = safeId(() => entitlementId(ent.resource.id, ent.slug));
    if (ent.slug === '' || ent.id !== expected) {
      report('id-format', `entitlement ${ent.id} should be "<resourceType>:<resourceId>:<slug>" (${expected ?? 'invalid'})`);
    }
    if (!typesById.has(ent.resource.id.resourceType)) {
      report('resource-type-exists', `entitlement ${ent.id} is on undeclared resource type "${ent.resource.id.resourceType}"`);
    }
    if (!resourcesByKey.has(resourceKey(ent.resource.id))) {
      report('entitlement-resource-exists', `entitlement ${ent.id} is on ${resourceKey(ent.resource.id)}, which was not synced`);
    }
  }

  const grantIds = new Set<string>();
  for (const g of collected.grants) {
    if (grantIds.has(g.id)) report('unique-ids', `grant ${g.id} appears more than once`);
    grantIds.add(g.id);
    const expected = safeId(() => grantId(g.entitlement.id, g.principal.id));
    if (g.id !== expected) {
      report('id-format', `grant ${g.id} should be "<entitlementId>:<principalType>:<principalId>" (${expected ?? 'invalid'})`);
    }
    const ent = entitlementsById.get(g.entitlement.id);
    if (!ent) report('grant-entitlement-exists', `grant ${g.id} is on entitlement ${g.entitlement.id}, which was not synced`);
    const principalKey = resourceKey(g.principal.id);
    if (!resourcesByKey.has(principalKey)) {
      report('grant-principal-exists', `grant ${g.id} has principal ${principalKey}, which was not synced`);
    }
    const direct = g.sources === undefined || Object.values(g.sources).some((source) => source.isDirect);
    if (ent && direct && ent.grantableTo.length > 0 && !ent.grantableTo.some((t) => t.id === g.principal.id.resourceType)) {
      report(
        'grantable-to',
        `grant ${g.id}: entitlement ${ent.id} is grantable to ${ent.grantableTo.map((t) => t.id).join(', ')}, not ${g.principal.id.resourceType}`,
      );
    }
  }

  for (const problem of collected.paging?.problems ?? []) report('pagination', problem.message);
  return violations;
}

/** Formats violations as one readable message, one line each. */
export function formatViolations(violations: readonly ConformanceViolation[]): string {
  return violations.map((v) => `[${v.rule}] ${v.message}`).join('\n');
}

type Report = (rule: ConformanceRule, message: string) => void;

function checkTraits(report: Report, key: string, type: ResourceType, res: Resource): void {
  for (const [trait, annotationType] of Object.entries(TRAIT_ANNOTATION_TYPES) as [TraitName, AnnotationTypeName][]) {
    const declared = type.traits.includes(trait);
    const present = findAnnotation(res.annotations, annotationType) !== undefined;
    if (declared && !present) report('trait-matches-type', `resource ${key} lacks the ${trait} trait its type declares`);
    if (!declared && present)
      report('trait-matches-type', `resource ${key} carries a ${trait} trait its type "${type.id}" does not declare`);
  }
}

function checkIdText(report: Report, what: string, id: string): void {
  if (id === '') report('id-format', `${what} is empty`);
  else if (utf8.encode(id).length > LIMITS.id) report('id-format', `${what} is longer than ${LIMITS.id} bytes`);
}

function safeId(build: () => string): string | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}
