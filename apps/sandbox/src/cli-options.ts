/** The sandbox CLI's flags, usage text and JSON line, built from the registered services. */
import { parseArgs } from 'node:util';
import type { AnyServiceRegistration, CliFlag, CliValues, ServiceOptionsBase } from './core/registration.js';
import type { Sandbox, SandboxOptions } from './sandbox.js';
import { SANDBOX_SERVICES } from './services.js';

const REGISTRATIONS: readonly AnyServiceRegistration[] = SANDBOX_SERVICES;

/** Flags of the sandbox as a whole. */
const COMMON_FLAGS: readonly CliFlag[] = [
  { name: 'seed', type: 'string', value: 'S', help: 'data seed (default 1)' },
  { name: 'port', type: 'string', value: 'P', help: 'port, 0 = any free port (default 0)' },
  { name: 'latency-ms', type: 'string', value: 'MS', help: 'delay added to every response (default 0)' },
  { name: 'no-rate-limit', type: 'boolean', help: "turn every service's rate limits off (for benchmarks)" },
];

const synopsis = (flags: readonly CliFlag[]): string =>
  flags.map((flag) => `[--${flag.name}${flag.value === undefined ? '' : ` ${flag.value}`}]`).join(' ');

function usage(): string {
  const groups = [COMMON_FLAGS, ...REGISTRATIONS.map(({ cli }) => cli.flags)];
  const all = groups.flat();
  const label = (flag: CliFlag): string => `--${flag.name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
  const width = Math.max(...all.map((flag) => label(flag).length));
  return [
    `usage: sandbox ${groups.map(synopsis).join('\n               ')}`,
    '',
    'Serves fake SaaS APIs on 127.0.0.1 and prints {"url", "services"} as one JSON line.',
    ...all.map((flag) => `  ${label(flag).padEnd(width)}  ${flag.help}`),
    'Control API: GET/DELETE <url>/_sandbox/requests, GET/PUT <url>/_sandbox/faults[?service=ilert]',
  ].join('\n');
}

/** The usage text printed for `--help` and after a usage error. */
export const USAGE = usage();

function cliValues(values: Readonly<Record<string, string | boolean | undefined>>): CliValues {
  return {
    integer(name, min, max) {
      const text = values[name];
      if (typeof text !== 'string') return undefined;
      if (!/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
        throw new RangeError(`--${name} must be an integer >= ${min}, got '${text}'`);
      }
      if (max !== undefined && Number(text) > max) throw new RangeError(`--${name} must be at most ${max}, got ${text}`);
      return Number(text);
    },
    choice(name, choices) {
      const text = values[name];
      if (typeof text !== 'string') return undefined;
      const found = choices.find((choice) => choice === text);
      if (found === undefined) throw new RangeError(`--${name} must be ${choices.join(' or ')}, got '${text}'`);
      return found;
    },
    flag: (name) => values[name] === true,
    has: (name) => values[name] !== undefined,
  };
}

/** Parses the CLI's arguments into sandbox options; bad ones throw an error naming the flag. */
export function parseOptions(argv: readonly string[]): SandboxOptions | 'help' {
  const flags = [...COMMON_FLAGS, ...REGISTRATIONS.flatMap(({ cli }) => cli.flags)];
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: { ...Object.fromEntries(flags.map((flag) => [flag.name, { type: flag.type }])), help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) return 'help';
  const read = cliValues(values);
  const common = { noRateLimit: read.flag('no-rate-limit') };
  const seed = read.integer('seed', Number.MIN_SAFE_INTEGER);
  const port = read.integer('port', 0, 65535);
  const latencyMs = read.integer('latency-ms', 0);
  const services: Record<string, ServiceOptionsBase> = {};
  for (const registration of REGISTRATIONS) services[registration.name] = registration.cli.options(read, common);
  return {
    ...(seed === undefined ? {} : { seed }),
    ...(port === undefined ? {} : { port }),
    ...services,
    ...(latencyMs === undefined ? {} : { faults: { latencyMs } }),
  };
}

/** The JSON line printed once the sandbox listens: its url and each service's connection details. */
export function outputLine(sandbox: Sandbox): string {
  const details: Readonly<Record<string, unknown>> = sandbox.services;
  const services = Object.fromEntries(REGISTRATIONS.map(({ name, cli }) => [name, cli.output(details[name])]));
  return JSON.stringify({ url: sandbox.url, services });
}
