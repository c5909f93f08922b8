export { exactIdsParser, parseJsonWithExactIds } from './exact-ids.js';
export { inlineMembers, type InlineMembers } from './memberships.js';
export { generatePassword, PASSWORD_CHARACTERS, type PasswordPolicy, type PasswordRequest } from './passwords.js';
export { provisioningGuard, type ProvisioningGuard } from './provisioning.js';
export {
  roleMemberships,
  type MemberRole,
  type RoleMember,
  type RoleMembership,
  type RoleMembershipOptions,
  type RoleMemberships,
} from './roles.js';
