import type { ResourceId } from '../model/types.js';
import type { SyncPhase } from './types.js';

/** One resource listing in progress: a type, optionally under a parent, at a page. */
export interface ListFrame {
  typeId: string;
  parentId?: ResourceId;
  /** The token of the page being worked on. */
  pageToken: string;
  /** Set once that page is stored: the index of the child listing in progress among its children. */
  childIndex?: number;
}

/**
 * The engine's checkpoint: where it is, never what it found. Its size is bounded by the number
 * of workers and the depth of the resource hierarchy.
 */
export interface SyncState {
  version: 1;
  phase: Exclude<SyncPhase, 'validate'>;
  /** The options the sync started with; a resume keeps them. */
  resourceTypeIds?: string[];
  skipEntitlementsAndGrants: boolean;
  /** Index into the synced resource types, in per-type phases. */
  typeIndex: number;
  /** Resource listings in progress (a stack: children are listed under their parent's page). */
  frames: ListFrame[];
  /** The static entitlements page being stamped onto resources. */
  pageToken: string;
  /** Stored resources of the current type that are done (they are visited in store order). */
  cursor: number;
  /** Next page tokens of resources past `cursor` that are part-way through, by position. */
  partial: Record<string, string>;
  completedActions: number;
  warnings: number;
  expandedGrants: number;
}

/** The phases that follow each other, in Baton's order. */
export const PHASE_ORDER: readonly SyncState['phase'][] = [
  'resource-types',
  'resources',
  'static-entitlements',
  'entitlements',
  'grants',
  'expansion',
  'done',
];

/** The state a new sync starts from. */
export function initialState(options: { resourceTypeIds?: string[]; skipEntitlementsAndGrants: boolean }): SyncState {
  const state: SyncState = {
    version: 1,
    phase: 'resource-types',
    skipEntitlementsAndGrants: options.skipEntitlementsAndGrants,
    typeIndex: 0,
    frames: [],
    pageToken: '',
    cursor: 0,
    partial: {},
    completedActions: 0,
    warnings: 0,
    expandedGrants: 0,
  };
  if (options.resourceTypeIds) state.resourceTypeIds = [...options.resourceTypeIds];
  return state;
}

/** Moves to a phase, resetting the per-phase position. */
export function enterPhase(state: SyncState, phase: SyncState['phase']): void {
  state.phase = phase;
  state.typeIndex = 0;
  state.frames = [];
  resetTypePosition(state);
}

/** Resets the position within one resource type. */
export function resetTypePosition(state: SyncState): void {
  state.pageToken = '';
  state.cursor = 0;
  state.partial = {};
}

/** Reads a checkpoint written by {@link initialState}'s successors; undefined if it is not one. */
export function parseState(token: string | undefined): SyncState | undefined {
  if (!token) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const state = parsed as Partial<SyncState>;
  if (state.version !== 1 || !PHASE_ORDER.includes(state.phase as SyncState['phase'])) return undefined;
  if (!Array.isArray(state.frames) || typeof state.typeIndex !== 'number' || typeof state.cursor !== 'number') {
    return undefined;
  }
  return state as SyncState;
}
