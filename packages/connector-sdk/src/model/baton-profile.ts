import type { JsonObject } from './json.js';

/** The user facts Baton's tools read from a profile under fixed keys. */
export interface BatonProfileInit {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  email?: string | null | undefined;
  login?: string | null | undefined;
  /** The vendor's id of the user. */
  userId?: string | null | undefined;
}

/**
 * The profile keys Baton's tools and connectors use for a user: `first_name`, `last_name`,
 * `email`, `login` and `user_id` (what `baton export csv` fills its First Name, Last Name and
 * User ID columns from). Empty or missing values are left out. Connectors spread the result
 * into a user's profile next to their own keys.
 */
export function batonProfileKeys(init: BatonProfileInit): JsonObject {
  const out: JsonObject = {};
  const put = (key: string, value: string | null | undefined): void => {
    const text = value?.trim();
    if (text) out[key] = text;
  };
  put('first_name', init.firstName);
  put('last_name', init.lastName);
  put('email', init.email);
  put('login', init.login);
  put('user_id', init.userId);
  return out;
}
