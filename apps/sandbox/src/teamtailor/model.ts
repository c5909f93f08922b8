/**
 * A person's access role as Teamtailor spells it (`role` attribute of a user). The first six are
 * the values Teamtailor documents; `interviewer` is the sandbox's own, standing for a role a newer
 * API version might add, so connectors can show they keep unknown roles rather than drop them.
 */
export type TeamtailorRole = 'admin' | 'recruiter' | 'user' | 'designer' | 'external_recruiter' | 'no_access' | 'interviewer';

/** Every role the generator hands out, documented ones first. */
export const TEAMTAILOR_ROLES: readonly TeamtailorRole[] = [
  'admin',
  'recruiter',
  'user',
  'no_access',
  'designer',
  'external_recruiter',
  'interviewer',
];

/** The two regions Teamtailor runs: EU (Ireland) and NA (US West). */
export type TeamtailorRegion = 'eu' | 'na';

/** A department (`departments` resource); users point at one through a relationship. */
export interface TeamtailorDepartment {
  readonly id: string;
  readonly name: string;
}

/** A location (`locations` resource). */
export interface TeamtailorLocation {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly country: string;
}

/** A user with the attributes of Teamtailor's `users` resource (kebab-case on the wire). */
export interface TeamtailorUser {
  /** JSON:API ids are strings. */
  readonly id: string;
  readonly name: string;
  /** Profile / notification email. */
  readonly email: string;
  /** Account email used to log in; null until the invitation is accepted. Admin keys only. */
  readonly loginEmail: string | null;
  readonly username: string;
  readonly title: string;
  readonly role: TeamtailorRole;
  readonly externalId: string | null;
  readonly visible: boolean;
  readonly hideEmail: boolean;
  readonly phone: string;
  readonly pictureUrl: string;
  readonly departmentId: string | null;
  readonly locationId: string | null;
}

/** A generated Teamtailor company, served in one region. */
export interface TeamtailorCompany {
  readonly seed: number;
  readonly users: readonly TeamtailorUser[];
  readonly departments: readonly TeamtailorDepartment[];
  readonly locations: readonly TeamtailorLocation[];
}
