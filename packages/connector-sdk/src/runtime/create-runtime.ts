import type { ConfigField } from '../config/fields.js';
import { fieldHint } from '../config/names.js';
import type { ConnectorHint, ConnectorHttpOptions, ConnectorRuntime } from '../connector/contract.js';
import { createHttpClient } from '../http/client.js';
import type { HttpHint } from '../http/hints.js';
import type { Timing } from '../http/timing.js';
import type { ClientRateLimit, HttpClient, HttpClientOptions, HttpWaitObserver, RetryOptions } from '../http/types.js';
import type { Logger } from '../log/logger.js';
import { silentLogger } from '../log/logger.js';
import type { Dispatcher } from 'undici';
import { currentOperationSignal } from './operation-scope.js';
import { requestNotingLogger } from './request-trail.js';

/**
 * What the runtime puts into every HTTP client besides the connector's declarations. Tests
 * set them (through `testRuntime` of the test kit) to make waits instant; production leaves
 * them out.
 */
export interface RuntimeHttpOverrides {
  retry?: RetryOptions;
  /** Replaces every client's declared rate limit; `null` removes the client-side limit. */
  rateLimit?: ClientRateLimit | null;
  timing?: Timing;
  dispatcher?: Dispatcher;
}

/** What {@link createConnectorRuntime} takes. */
export interface ConnectorRuntimeOptions {
  /** `baton-<name>/<version>`. */
  userAgent: string;
  /** Per request attempt, body included; from `--http-timeout-seconds`. */
  timeoutMs: number;
  logger?: Logger;
  /** `--provisioning` was given. Default false. */
  provisioning?: boolean;
  /** The connector's config fields, so settings are named with their env overrides. */
  fields?: Record<string, ConfigField>;
  http?: RuntimeHttpOverrides;
  /** Told of every HTTP client's waits of a second or more as they start and end (the CLI shows them). */
  onHttpWait?: HttpWaitObserver;
}

/** The connector's hints with `setting(key)` bound, as the HTTP client takes them. */
function bindHints<K extends string>(hints: readonly ConnectorHint<K>[], setting: (key: K) => string): HttpHint[] {
  return hints.map((hint) => {
    const { message } = hint;
    if (typeof message === 'string') return { ...hint, message };
    return { ...hint, message: (failure) => message({ ...failure, setting }) };
  });
}

/**
 * The runtime handed to a connector's `create`: logger, provisioning switch, setting names and
 * the HTTP client factory that puts user agent, timeout, logger, retries, proxy, timing and
 * the operation's abort signal into every client.
 */
export function createConnectorRuntime<K extends string = string>(options: ConnectorRuntimeOptions): ConnectorRuntime<K> {
  const logger = options.logger ?? silentLogger;
  const overrides = options.http ?? {};
  const clientLogger = requestNotingLogger(logger);
  const setting = (key: K): string => fieldHint(key, options.fields?.[key]);
  const httpClient = (declared: ConnectorHttpOptions<K>): HttpClient => {
    const rateLimit = overrides.rateLimit === undefined ? declared.rateLimit : (overrides.rateLimit ?? undefined);
    const client: HttpClientOptions = {
      service: declared.service,
      baseUrl: declared.baseUrl,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      logger: clientLogger,
      operationSignal: currentOperationSignal,
      ...(options.onHttpWait && { onWait: options.onHttpWait }),
      ...(declared.auth && { auth: declared.auth }),
      ...(declared.credential && {
        credential: { name: declared.credential.name, key: declared.credential.key, setting: setting(declared.credential.key) },
      }),
      ...(declared.headers && { headers: declared.headers }),
      ...(rateLimit && { rateLimit }),
      ...(declared.hints && { hints: bindHints(declared.hints, setting) }),
      ...(declared.parseJson && { parseJson: declared.parseJson }),
      ...(declared.errorMessage && { errorMessage: declared.errorMessage }),
      ...(declared.maxResponseBytes !== undefined && { maxResponseBytes: declared.maxResponseBytes }),
      ...(overrides.retry && { retry: overrides.retry }),
      ...(overrides.timing && { timing: overrides.timing }),
      ...(overrides.dispatcher && { dispatcher: overrides.dispatcher }),
    };
    return createHttpClient(client);
  };
  return {
    logger,
    http: { userAgent: options.userAgent, timeoutMs: options.timeoutMs },
    provisioning: options.provisioning ?? false,
    httpClient,
    setting,
  };
}
