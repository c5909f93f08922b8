import { describe, expectTypeOf, it } from 'vitest';
import type {
  IlertSandbox,
  IlertSandboxOptions,
  IroncladSandbox,
  RudderstackSandbox,
  Sandbox,
  SandboxOptions,
  SandboxServiceName,
  ScalrSandbox,
  ScalrSandboxOptions,
  TeamtailorSandbox,
} from './index.js';

describe('types derived from the registered services', () => {
  it('keys the options and the services by service name', () => {
    expectTypeOf<SandboxServiceName>().toEqualTypeOf<'ilert' | 'ironclad' | 'teamtailor' | 'scalr' | 'rudderstack'>();
    expectTypeOf<SandboxOptions['ilert']>().toEqualTypeOf<IlertSandboxOptions | undefined>();
    expectTypeOf<SandboxOptions['scalr']>().toEqualTypeOf<ScalrSandboxOptions | undefined>();
    expectTypeOf<Sandbox['services']['ilert']>().toEqualTypeOf<IlertSandbox>();
    expectTypeOf<Sandbox['services']['ironclad']>().toEqualTypeOf<IroncladSandbox>();
    expectTypeOf<Sandbox['services']['teamtailor']>().toEqualTypeOf<TeamtailorSandbox>();
    expectTypeOf<Sandbox['services']['scalr']>().toEqualTypeOf<ScalrSandbox>();
    expectTypeOf<Sandbox['services']['rudderstack']>().toEqualTypeOf<RudderstackSandbox>();
  });

  it('refuses an unknown service or option', () => {
    // @ts-expect-error no service is named okta
    expectTypeOf<SandboxOptions>().toMatchTypeOf<{ okta: object }>();
    // @ts-expect-error ilert has no groups option
    const options: SandboxOptions = { ilert: { groups: 3 } };
    expectTypeOf(options).toEqualTypeOf<SandboxOptions>();
  });
});
