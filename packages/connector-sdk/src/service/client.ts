import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type CallOptions, type Client } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { C1CallError, callFailure, networkErrorCode } from './call-failure.js';
import {
  BatonService,
  type BatonServiceFinishTaskRequestSchema,
  type BatonServiceGetTaskRequestSchema,
  type BatonServiceGetTaskResponse,
  type BatonServiceHeartbeatRequestSchema,
  type BatonServiceHeartbeatResponse,
  type BatonServiceHelloRequestSchema,
  type BatonServiceUploadAssetRequestSchema,
} from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import { C1AuthError, type C1TokenSource } from './token.js';
import { grpcRootCertificates } from './trust.js';

export { C1CallError } from './call-failure.js';

/** Every unary call to C1 gets this long, as in baton-sdk. */
const CALL_TIMEOUT_MS = 30_000;

/** The subset of the BatonService the task loop calls; tests give a fake of it. */
export interface C1Api {
  hello(request: MessageInitShape<typeof BatonServiceHelloRequestSchema>): Promise<void>;
  getTask(request: MessageInitShape<typeof BatonServiceGetTaskRequestSchema>): Promise<BatonServiceGetTaskResponse>;
  heartbeat(request: MessageInitShape<typeof BatonServiceHeartbeatRequestSchema>): Promise<BatonServiceHeartbeatResponse>;
  finishTask(request: MessageInitShape<typeof BatonServiceFinishTaskRequestSchema>): Promise<void>;
  /** Streams the messages of one upload in order and waits for C1's answer. */
  uploadAsset(messages: AsyncIterable<MessageInitShape<typeof BatonServiceUploadAssetRequestSchema>>): Promise<void>;
  close(): void;
}

/** What {@link GrpcC1Api} needs. */
export interface GrpcC1ApiOptions {
  /** `host:port` (see `c1Address`). */
  address: string;
  tokens: C1TokenSource;
  /** The user agent, `<client name> c1-connector-sdk/<version>`. */
  userAgent: string;
  /** Extra PEM certificates to trust; Node's default roots and NODE_EXTRA_CA_CERTS always count. */
  ca?: string;
  /** Where NODE_EXTRA_CA_CERTS is read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The BatonService over gRPC (HTTP/2 with TLS that always verifies C1's certificate), every
 * call carrying `authorization: Bearer <token>`; unary calls have a 30 s deadline.
 */
export class GrpcC1Api implements C1Api {
  readonly #client: Client<typeof BatonService>;
  readonly #session: Http2SessionManager;
  readonly #tokens: C1TokenSource;
  readonly #userAgent: string;

  constructor(options: GrpcC1ApiOptions) {
    const baseUrl = `https://${options.address}`;
    const ca = grpcRootCertificates(options.env ?? process.env, options.ca);
    this.#session = new Http2SessionManager(baseUrl, {}, { minVersion: 'TLSv1.2', ...(ca && { ca }) });
    this.#client = createClient(BatonService, createGrpcTransport({ baseUrl, sessionManager: this.#session }));
    this.#tokens = options.tokens;
    this.#userAgent = options.userAgent;
  }

  async hello(request: MessageInitShape<typeof BatonServiceHelloRequestSchema>): Promise<void> {
    await this.#unary('Hello', async (options) => this.#client.hello(request, options));
  }

  getTask(request: MessageInitShape<typeof BatonServiceGetTaskRequestSchema>): Promise<BatonServiceGetTaskResponse> {
    return this.#unary('GetTask', (options) => this.#client.getTask(request, options));
  }

  heartbeat(request: MessageInitShape<typeof BatonServiceHeartbeatRequestSchema>): Promise<BatonServiceHeartbeatResponse> {
    return this.#unary('Heartbeat', (options) => this.#client.heartbeat(request, options));
  }

  async finishTask(request: MessageInitShape<typeof BatonServiceFinishTaskRequestSchema>): Promise<void> {
    await this.#unary('FinishTask', async (options) => this.#client.finishTask(request, options));
  }

  /**
   * A client stream with no deadline. When `messages` throws (a cancelled task), the stream is
   * reset before its EOF and that error is rethrown as it is.
   */
  async uploadAsset(messages: AsyncIterable<MessageInitShape<typeof BatonServiceUploadAssetRequestSchema>>): Promise<void> {
    const headers = await this.#headers();
    const reset = new AbortController();
    let source: { error: unknown } | undefined;
    const guarded = async function* () {
      try {
        yield* messages;
      } catch (error) {
        // Connect throws its own write failures into the iterable; only a failure of `messages` resets the stream.
        if (!(error instanceof ConnectError)) {
          source = { error };
          reset.abort(error);
        }
        throw error;
      }
    };
    try {
      await this.#client.uploadAsset(guarded(), { headers, signal: reset.signal });
    } catch (error) {
      if (source) throw source.error;
      throw this.#failure('UploadAsset', error);
    }
  }

  /** Closes the HTTP/2 connection; calls still running fail. */
  close(): void {
    this.#session.abort();
  }

  async #unary<T>(method: string, call: (options: CallOptions) => Promise<T>): Promise<T> {
    const headers = await this.#headers();
    try {
      return await call({ headers, timeoutMs: CALL_TIMEOUT_MS });
    } catch (error) {
      throw this.#failure(method, error);
    }
  }

  async #headers(): Promise<Record<string, string>> {
    let token;
    try {
      token = await this.#tokens.token();
    } catch (error) {
      if (error instanceof C1AuthError) throw new C1CallError(error.message, Code.Unauthenticated, { cause: error });
      throw new C1CallError(`C1 is unreachable: ${describeNetworkError(error)}`, Code.Unavailable, { cause: error });
    }
    return { authorization: token.authorization, 'user-agent': this.#userAgent };
  }

  #failure(method: string, error: unknown): C1CallError {
    const failure = callFailure(method, error);
    if (failure.code === Code.Unauthenticated) this.#tokens.reset();
    return failure;
  }
}

/** A network error's code or message, never a header or body. */
function describeNetworkError(error: unknown): string {
  return networkErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
