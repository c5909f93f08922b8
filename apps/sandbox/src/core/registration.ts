/**
 * The registry contract: each service folder exports one {@link ServiceRegistration}, and the
 * sandbox, its types and its CLI are built from the list in `src/services.ts`.
 */
import type { FaultOptions } from './faults.js';
import type { Clock } from './rate-limiter.js';
import type { SandboxService } from './service.js';

/** What every service's options have in common. */
export interface ServiceOptionsBase {
  /** Faults for this service only, on top of (replacing) the sandbox-wide `faults`. */
  faults?: FaultOptions;
}

/** A created service: the handler the host mounts, and how to reach it once the host listens. */
export interface CreatedService<Details> {
  readonly service: SandboxService;
  /** The connection details and data exposed as `sandbox.services.<name>`, given the origin. */
  details(origin: string): Details;
}

/** One CLI flag of a service: `string` flags take a value (shown as `value` in the usage). */
export interface CliFlag {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** Placeholder of the value in the usage, e.g. `N`. */
  readonly value?: string;
  readonly help: string;
}

/** Parsed CLI flag values, validated as they are read; bad values throw a usage error naming the flag. */
export interface CliValues {
  /** An integer of at least `min` (and at most `max`), or undefined when the flag is absent. */
  integer(name: string, min: number, max?: number): number | undefined;
  /** One of `choices`, or undefined when the flag is absent. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined;
  /** Whether a boolean flag was given. */
  flag(name: string): boolean;
  /** Whether a flag was given at all. */
  has(name: string): boolean;
}

/** Flags every service may honour. */
export interface CommonCliOptions {
  /** `--no-rate-limit`: turn the service's rate limits off. */
  readonly noRateLimit: boolean;
}

/** How a service shows up in the CLI. */
export interface ServiceCli<Options, Details> {
  readonly flags: readonly CliFlag[];
  /** The service's options from its flags. */
  options(values: CliValues, common: CommonCliOptions): Options;
  /** What the CLI prints for the service in its JSON line. */
  output(details: Details): object;
}

/** Everything the sandbox needs to know about one service. */
export interface ServiceRegistration<Name extends string, Options extends ServiceOptionsBase, Details> {
  /** Key in `startSandbox` options and `sandbox.services`, and the host's service name. */
  readonly name: Name;
  /** Creates the service over data generated from `seed`. */
  create(seed: number, options: Options, clock: Clock | undefined): CreatedService<Details>;
  readonly cli: ServiceCli<Options, Details>;
}

/** A registration with its types erased, for code that iterates over every service. */
export type AnyServiceRegistration = ServiceRegistration<string, ServiceOptionsBase, unknown>;

/** The options type of a registration. */
export type OptionsOf<R> = R extends ServiceRegistration<string, infer Options, infer _Details> ? Options : never;

/** The connection details type of a registration. */
export type DetailsOf<R> = R extends ServiceRegistration<string, infer _Options, infer Details> ? Details : never;

/** Declares a registration, keeping its name as a literal type. */
export function defineService<Name extends string, Options extends ServiceOptionsBase, Details>(
  registration: ServiceRegistration<Name, Options, Details>,
): ServiceRegistration<Name, Options, Details> {
  return registration;
}
