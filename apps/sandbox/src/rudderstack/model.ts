/**
 * A RudderStack organization member as the SCIM API serves it. RudderStack documents only
 * display name and email as mapped attributes, so the resource is sparse: `id`, `userName`
 * (the email), `displayName`, `emails`, `active`, `meta`.
 */
export interface RudderstackUser {
  /** 27 base62 characters, like RudderStack's ids. */
  readonly id: string;
  /** The user's email; unique in the organization. */
  readonly userName: string;
  /** Left out for a few users (the resource then has no `displayName`). */
  readonly displayName?: string;
  /** False once deactivated: the user stays, without an organization role. */
  readonly active: boolean;
  readonly created: string;
  readonly lastModified: string;
}

/** A RudderStack SCIM group; members are user ids. */
export interface RudderstackGroup {
  readonly id: string;
  readonly displayName: string;
  readonly memberIds: string[];
  /**
   * The `/Groups` listing leaves `members` out for this group (RFC 7644 §3.4.2.5 lets servers
   * do so); `GET /Groups/{id}` still returns them.
   */
  readonly membersOmittedFromList: boolean;
  readonly created: string;
  readonly lastModified: string;
}

/** A generated RudderStack organization; the sandbox serves this very object. */
export interface RudderstackOrg {
  /** In `startIndex` order. */
  readonly users: RudderstackUser[];
  readonly groups: RudderstackGroup[];
}
