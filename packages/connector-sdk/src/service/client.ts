import { create, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { Client, credentials as grpcCredentials, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import {
  BatonServiceFinishTaskRequestSchema,
  BatonServiceGetTaskRequestSchema,
  BatonServiceHeartbeatRequestSchema,
  BatonServiceHelloRequestSchema,
  BatonServiceUploadAssetRequestSchema,
  type BatonServiceGetTaskResponse,
  type BatonServiceHeartbeatResponse,
  type BatonServiceUploadAssetRequest,
} from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import { BATON_SERVICE_DEFINITION } from './protocol.js';
import { C1AuthError, type C1TokenSource } from './token.js';
import { grpcRootCertificates } from './trust.js';

/** Every unary call to C1 gets this long, as in baton-sdk. */
const CALL_TIMEOUT_MS = 30_000;

/** A failed call to C1, with its gRPC status code (`GrpcStatus`). */
export class C1CallError extends Error {
  override readonly name = 'C1CallError';
  readonly code: number;

  constructor(message: string, code: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

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
  /** The gRPC user agent, `<client name> c1-connector-sdk/<version>`. */
  userAgent: string;
  /** Extra PEM certificates to trust; the system roots and NODE_EXTRA_CA_CERTS always count. */
  ca?: string;
  /** Where NODE_EXTRA_CA_CERTS and GRPC_DEFAULT_SSL_ROOTS_FILE_PATH are read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The BatonService over gRPC with TLS, every call carrying `authorization: Bearer <token>`. */
export class GrpcC1Api implements C1Api {
  readonly #client: Client;
  readonly #tokens: C1TokenSource;

  constructor(options: GrpcC1ApiOptions) {
    const roots = grpcRootCertificates(options.env ?? process.env, options.ca);
    this.#client = new Client(options.address, grpcCredentials.createSsl(roots), {
      'grpc.primary_user_agent': options.userAgent,
    });
    this.#tokens = options.tokens;
  }

  async hello(request: MessageInitShape<typeof BatonServiceHelloRequestSchema>): Promise<void> {
    await this.#unary('Hello', BatonServiceHelloRequestSchema, request);
  }

  getTask(request: MessageInitShape<typeof BatonServiceGetTaskRequestSchema>): Promise<BatonServiceGetTaskResponse> {
    return this.#unary('GetTask', BatonServiceGetTaskRequestSchema, request) as Promise<BatonServiceGetTaskResponse>;
  }

  heartbeat(request: MessageInitShape<typeof BatonServiceHeartbeatRequestSchema>): Promise<BatonServiceHeartbeatResponse> {
    return this.#unary('Heartbeat', BatonServiceHeartbeatRequestSchema, request) as Promise<BatonServiceHeartbeatResponse>;
  }

  async finishTask(request: MessageInitShape<typeof BatonServiceFinishTaskRequestSchema>): Promise<void> {
    await this.#unary('FinishTask', BatonServiceFinishTaskRequestSchema, request);
  }

  async uploadAsset(messages: AsyncIterable<MessageInitShape<typeof BatonServiceUploadAssetRequestSchema>>): Promise<void> {
    const method = BATON_SERVICE_DEFINITION['UploadAsset']!;
    const metadata = await this.#metadata();
    let stream: ReturnType<Client['makeClientStreamRequest']> | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      stream = this.#client.makeClientStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, metadata, {}, (error) =>
        error ? reject(this.#failure('UploadAsset', error)) : resolve(),
      );
    });
    const call = stream!;
    try {
      for await (const message of messages) {
        const value: BatonServiceUploadAssetRequest = create(BatonServiceUploadAssetRequestSchema, message);
        if (!call.write(value)) await new Promise<void>((resolve) => call.once('drain', resolve));
      }
      call.end();
    } catch (error) {
      call.cancel();
      await answered.catch(() => undefined);
      throw error;
    }
    await answered;
  }

  close(): void {
    this.#client.close();
  }

  async #unary<S extends DescMessage>(name: string, schema: S, request: MessageInitShape<S>): Promise<unknown> {
    const method = BATON_SERVICE_DEFINITION[name]!;
    const metadata = await this.#metadata();
    const message: MessageShape<S> = create(schema, request);
    return new Promise((resolve, reject) => {
      this.#client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        message,
        metadata,
        { deadline: Date.now() + CALL_TIMEOUT_MS },
        (error, response) => (error ? reject(this.#failure(name, error)) : resolve(response)),
      );
    });
  }

  async #metadata(): Promise<Metadata> {
    let token;
    try {
      token = await this.#tokens.token();
    } catch (error) {
      if (error instanceof C1AuthError) throw new C1CallError(error.message, GrpcStatus.UNAUTHENTICATED, { cause: error });
      throw new C1CallError(`C1 is unreachable: ${describeNetworkError(error)}`, GrpcStatus.UNAVAILABLE, { cause: error });
    }
    const metadata = new Metadata();
    metadata.set('authorization', token.authorization);
    return metadata;
  }

  #failure(name: string, error: ServiceError): C1CallError {
    if (error.code === GrpcStatus.UNAUTHENTICATED) this.#tokens.reset();
    return new C1CallError(`C1 ${name}: ${error.details || GrpcStatus[error.code]}`, error.code, { cause: error });
  }
}

/** A network error's code or message, never a header or body. */
function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
    return code ?? error.message;
  }
  return String(error);
}
