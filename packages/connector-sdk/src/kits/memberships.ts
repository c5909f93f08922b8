import type { Logger } from '../log/logger.js';

/**
 * The inline-member memo for APIs that list a group's members with the group (`GET /teams`,
 * SCIM `GET /Groups`): `list` remembers each group's members, `grants` takes them (no request
 * per group) and they are forgotten. A resumed sync may ask for grants of a group an earlier
 * process listed; then the members are not in memory and `reread` reads the group once.
 */
export interface InlineMembers<M> {
  /** Remembers the members a listing returned with group `groupId` (replacing earlier ones). */
  remember(groupId: string, members: readonly M[]): void;
  /**
   * The members remembered for `groupId`, forgotten once taken; when none are remembered (a
   * resumed sync), those `reread` returns, with a debug line on `logger`.
   */
  take(groupId: string, reread: () => Promise<readonly M[]>, logger?: Logger): Promise<M[]>;
  /** How many groups' members are held. */
  readonly size: number;
}

/** Creates an {@link InlineMembers} memo. */
export function inlineMembers<M>(): InlineMembers<M> {
  const held = new Map<string, M[]>();
  return {
    remember(groupId, members) {
      held.set(groupId, [...members]);
    },
    async take(groupId, reread, logger) {
      const members = held.get(groupId);
      held.delete(groupId);
      if (members) return members;
      logger?.debug('group members not in memory (listed without them, or by an earlier process), reading the group', { group: groupId });
      return [...(await reread())];
    },
    get size() {
      return held.size;
    },
  };
}
