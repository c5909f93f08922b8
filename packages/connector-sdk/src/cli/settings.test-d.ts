import { describe, expectTypeOf, it } from 'vitest';
import type { CliSettings } from './settings.js';

// Type-level tests: the settings a command reads are typed by the flag declarations alone.
describe('CliSettings', () => {
  it('types each standard flag from its declaration, camel-cased', () => {
    expectTypeOf<CliSettings['logLevel']>().toEqualTypeOf<'debug' | 'info' | 'warn' | 'error'>();
    expectTypeOf<CliSettings['logFormat']>().toEqualTypeOf<'json' | 'console' | undefined>();
    expectTypeOf<CliSettings['httpTimeoutSeconds']>().toEqualTypeOf<number>();
    expectTypeOf<CliSettings['healthCheckPort']>().toEqualTypeOf<number>();
    expectTypeOf<CliSettings['file']>().toEqualTypeOf<string>();
    expectTypeOf<CliSettings['provisioning']>().toEqualTypeOf<boolean>();
    expectTypeOf<CliSettings['format']>().toEqualTypeOf<'json' | 'csv'>();
    expectTypeOf<CliSettings['createAccountCredential']>().toEqualTypeOf<'random-password' | 'no-password' | undefined>();
  });

  it('has no key a flag does not declare, and keeps flags without a default optional', () => {
    // @ts-expect-error no flag is called --http-timeout
    void ({} as CliSettings).httpTimeout;
    // @ts-expect-error --client-id has no default, so it may be unset
    const clientId: string = ({} as CliSettings).clientId;
    void clientId;
  });
});
