/**
 * The services the sandbox serves, in mount and output order: the one list that names them.
 * `startSandbox`, its option and result types, and the CLI are all derived from it.
 */
import { ilertRegistration } from './ilert/registration.js';
import { ironcladRegistration } from './ironclad/registration.js';
import { rudderstackRegistration } from './rudderstack/registration.js';
import { scalrRegistration } from './scalr/registration.js';
import { teamtailorRegistration } from './teamtailor/registration.js';

/** Every registered service. */
export const SANDBOX_SERVICES = [
  ilertRegistration,
  ironcladRegistration,
  teamtailorRegistration,
  scalrRegistration,
  rudderstackRegistration,
] as const;
