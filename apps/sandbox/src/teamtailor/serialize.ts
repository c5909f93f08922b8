import type { TeamtailorCompany, TeamtailorUser } from './model.js';

/** Which related resources a listing was asked to `include`. */
export interface Includes {
  readonly department: boolean;
  readonly location: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A user as a JSON:API resource object. `login-email` is left out entirely for keys without
 * admin scope. A relationship carries resource linkage (`data`) only when it was included.
 */
export function userResource(user: TeamtailorUser, selfBase: string, admin: boolean, includes: Includes): { [key: string]: Json } {
  const self = `${selfBase}/users/${user.id}`;
  const relationship = (name: string, type: string, id: string | null, included: boolean): { [key: string]: Json } => ({
    links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` },
    ...(included ? { data: id === null ? null : { type, id } } : {}),
  });
  return {
    id: user.id,
    type: 'users',
    links: { self },
    attributes: {
      email: user.email,
      ...(admin ? { 'login-email': user.loginEmail } : {}),
      name: user.name,
      username: user.username,
      title: user.title,
      role: user.role,
      'external-id': user.externalId,
      visible: user.visible,
      'hide-email': user.hideEmail,
      phone: user.phone,
      picture: { standard: user.pictureUrl },
    },
    relationships: {
      department: relationship('department', 'departments', user.departmentId, includes.department),
      location: relationship('location', 'locations', user.locationId, includes.location),
      jobs: { links: { self: `${self}/relationships/jobs`, related: `${self}/jobs` } },
    },
  };
}

/** The `included` array for a page of users: each department and location they point at, once. */
export function includedResources(
  users: readonly TeamtailorUser[],
  company: TeamtailorCompany,
  selfBase: string,
  includes: Includes,
): Json[] {
  const included: Json[] = [];
  if (includes.department) {
    const ids = new Set(users.map((user) => user.departmentId).filter((id) => id !== null));
    for (const department of company.departments.filter((candidate) => ids.has(candidate.id))) {
      included.push({
        id: department.id,
        type: 'departments',
        links: { self: `${selfBase}/departments/${department.id}` },
        attributes: { name: department.name },
      });
    }
  }
  if (includes.location) {
    const ids = new Set(users.map((user) => user.locationId).filter((id) => id !== null));
    for (const location of company.locations.filter((candidate) => ids.has(candidate.id))) {
      included.push({
        id: location.id,
        type: 'locations',
        links: { self: `${selfBase}/locations/${location.id}` },
        attributes: { name: location.name, city: location.city, country: location.country },
      });
    }
  }
  return included;
}
