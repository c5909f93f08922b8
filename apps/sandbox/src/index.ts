export { startSandbox } from './sandbox.js';
export type { Sandbox, SandboxOptions, SandboxServiceName, SandboxServiceOptions, SandboxServices } from './sandbox.js';
export type { IlertSandbox, IlertSandboxOptions } from './ilert/registration.js';
export type { IroncladSandbox, IroncladSandboxOptions } from './ironclad/registration.js';
export type { RudderstackSandbox, RudderstackSandboxOptions } from './rudderstack/registration.js';
export type { ScalrSandbox, ScalrSandboxOptions } from './scalr/registration.js';
export type { TeamtailorSandbox, TeamtailorSandboxOptions } from './teamtailor/registration.js';
export type { FaultOptions } from './core/faults.js';
export type { Clock } from './core/rate-limiter.js';
export type { SandboxService, ServiceRequest, ServiceResponse } from './core/service.js';
export { parseJson, stringifyJson } from './core/json.js';
export { readWithGoReader } from './go-reader.js';
export { startSandboxFixture } from './connector-fixture.js';
export type { SandboxFixture, SandboxFixtureOptions } from './connector-fixture.js';
export { measuredRunLines, runMeasuredCli } from './measured-cli.js';
export type { MeasuredCliOptions, MeasuredRun } from './measured-cli.js';
export type { JsonValue, ParsedJson } from './core/json.js';
export { generateIlertOrg } from './ilert/generate.js';
export type { IlertOrgOptions } from './ilert/generate.js';
export { ILERT_ROLES, ILERT_TEAM_ROLES, isTeamRoleAllowed } from './ilert/model.js';
export type { IlertOrg, IlertRole, IlertTeam, IlertTeamMember, IlertTeamRole, IlertTeamVisibility, IlertUser } from './ilert/model.js';
export { ILERT_DEFAULT_MAX_RESULTS, ILERT_MAX_RESULTS, ILERT_REQUESTS_PER_MINUTE } from './ilert/service.js';
export { generateIroncladOrg } from './ironclad/generate.js';
export type { IroncladOrgOptions } from './ironclad/generate.js';
export { IRONCLAD_PROVIDERS } from './ironclad/model.js';
export type { IroncladGroup, IroncladOrg, IroncladProvider, IroncladUser } from './ironclad/model.js';
export { IRONCLAD_SCIM_SCOPES } from './ironclad/oauth.js';
export {
  IRONCLAD_DEFAULT_COUNT,
  IRONCLAD_MAX_COUNT,
  IRONCLAD_READS_PER_MINUTE,
  IRONCLAD_TOKEN_LIFETIME_SECONDS,
  IRONCLAD_USER_CHANGES_PER_MINUTE,
  passwordProblem,
} from './ironclad/service.js';
export { generateTeamtailorCompany } from './teamtailor/generate.js';
export type { TeamtailorCompanyOptions } from './teamtailor/generate.js';
export { TEAMTAILOR_ROLES } from './teamtailor/model.js';
export type {
  TeamtailorCompany,
  TeamtailorDepartment,
  TeamtailorLocation,
  TeamtailorRegion,
  TeamtailorRole,
  TeamtailorUser,
} from './teamtailor/model.js';
export {
  TEAMTAILOR_API_VERSIONS,
  TEAMTAILOR_DEFAULT_PAGE_SIZE,
  TEAMTAILOR_DEFAULT_RATE_LIMIT,
  TEAMTAILOR_MAX_PAGE_SIZE,
} from './teamtailor/service.js';
export type { TeamtailorKeyScope } from './teamtailor/service.js';
export { generateScalrOrg, SCALR_OTHER_ACCOUNT } from './scalr/generate.js';
export type { ScalrOrgOptions } from './scalr/generate.js';
export { SCALR_USER_STATUSES } from './scalr/model.js';
export type {
  ScalrAccount,
  ScalrAccountUser,
  ScalrOrg,
  ScalrServiceAccount,
  ScalrServiceAccountStatus,
  ScalrUser,
  ScalrUserStatus,
} from './scalr/model.js';
export { SCALR_API_PATH, SCALR_DEFAULT_PAGE_SIZE, SCALR_MAX_PAGE_SIZE } from './scalr/service.js';
export { generateRudderstackOrg } from './rudderstack/generate.js';
export type { RudderstackOrgOptions } from './rudderstack/generate.js';
export type { RudderstackGroup, RudderstackOrg, RudderstackUser } from './rudderstack/model.js';
export { RUDDERSTACK_MAX_PAGE_SIZE, RUDDERSTACK_SCIM_DISABLED_DETAIL, RUDDERSTACK_WORKSPACE_TOKEN_DETAIL } from './rudderstack/service.js';
export { armAt, waitForCount } from './arm-at.js';
export * from './c1/index.js';
