/** Status of a user in an account (the `account-users` relation) or of an IAM user. */
export type ScalrUserStatus = 'Active' | 'Inactive' | 'Pending';
/** Status of a service account: Scalr documents only these two. */
export type ScalrServiceAccountStatus = 'Active' | 'Inactive';

/** Every user status, in Scalr's enum. */
export const SCALR_USER_STATUSES: readonly ScalrUserStatus[] = ['Active', 'Inactive', 'Pending'];

/** An account (`accounts` resource); `name` is the subdomain of `<name>.scalr.io`. */
export interface ScalrAccount {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** An IAM user (`users` resource). Users are global: one user may belong to several accounts. */
export interface ScalrUser {
  readonly id: string;
  readonly email: string;
  readonly username: string | null;
  readonly fullName: string | null;
  readonly status: ScalrUserStatus;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

/** The link of a user to one account (`account-users`), with the status and last login there. */
export interface ScalrAccountUser {
  readonly id: string;
  readonly accountId: string;
  readonly userId: string;
  readonly status: ScalrUserStatus;
  readonly lastLoginAt: string | null;
}

/** A service account (`service-accounts`), owned by one account. */
export interface ScalrServiceAccount {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  /** `<name>@<account>.scalr.io`, read-only in Scalr. */
  readonly email: string;
  readonly description: string | null;
  readonly status: ScalrServiceAccountStatus;
  readonly createdAt: string;
  /** The user who created it. */
  readonly createdBy: string;
}

/**
 * A generated Scalr installation: the main account (`accounts[0]`) and a second, small one whose
 * users the main account must not see, so a client that lists `/users` instead of scoping to the
 * account gets the wrong answer.
 */
export interface ScalrOrg {
  readonly seed: number;
  readonly accounts: readonly ScalrAccount[];
  readonly users: readonly ScalrUser[];
  readonly accountUsers: readonly ScalrAccountUser[];
  readonly serviceAccounts: readonly ScalrServiceAccount[];
}
