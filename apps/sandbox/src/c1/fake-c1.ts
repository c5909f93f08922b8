import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { TaskSchema } from '@c1/connector-sdk/service-protocol';
import { batonServiceHandlers } from './baton-service.js';
import { BATON_SERVICE_DEFINITION } from './grpc-definition.js';
import { issueClient, otherSecret } from './client-key.js';
import { FakeC1State, newTaskId } from './state.js';
import { generateTestTls } from './test-ca.js';
import { tokenEndpoint } from './token-endpoint.js';

/** The tenant host in the fake's client id (the assertion's audience); the address comes from BATON_C1_API_HOST. */
export const FAKE_C1_TENANT = 'sandbox.conductor.one';

/** Options of {@link startFakeC1}. */
export interface FakeC1Options {
  /** `next_poll` of every GetTask answer, in ms (default 200). */
  pollMs?: number;
  /** `next_heartbeat`, in ms (default 1000). */
  heartbeatMs?: number;
  /** `expires_in` of issued access tokens, in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
}

/** The task types a test can queue, as the `task_type` oneof of `c1.connectorapi.baton.v1.Task`. */
export type FakeC1TaskType = MessageInitShape<typeof TaskSchema>['taskType'];

/** A running fake C1: BatonService and the token endpoint on one TLS port of 127.0.0.1. */
export interface FakeC1 {
  /** `127.0.0.1:<port>`, the value of BATON_C1_API_HOST. */
  readonly address: string;
  readonly clientId: string;
  /** A valid secret; never log it. */
  readonly clientSecret: string;
  /** A secret of the right format for another key, which the fake refuses. */
  readonly wrongClientSecret: string;
  /** PEM of the throwaway CA that signed the server certificate. */
  readonly caPem: string;
  /** A file holding {@link caPem}, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** The environment of a connector in service mode against this fake. */
  env(secret?: string): Record<string, string>;
  readonly state: FakeC1State;
  /** Queues a task and returns its id. */
  enqueue(taskType: FakeC1TaskType): string;
  /** Stops answering (connections dropped, port closed) until {@link resume}. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fake C1 with a fresh CA, server certificate and client credential. */
export async function startFakeC1(options: FakeC1Options = {}): Promise<FakeC1> {
  const tls = await generateTestTls();
  const state = new FakeC1State();
  const client = issueClient('sandbox-connector', FAKE_C1_TENANT);
  const grpc = new Server();
  grpc.addService(
    BATON_SERVICE_DEFINITION,
    batonServiceHandlers(state, { pollMs: options.pollMs ?? 200, heartbeatMs: options.heartbeatMs ?? 1000 }),
  );
  const injector = grpc.createConnectionInjector(ServerCredentials.createInsecure());
  const http = createHttpServer(tokenEndpoint(state, client, FAKE_C1_TENANT, options.tokenLifetimeSeconds ?? 3600));
  const sockets = new Set<Socket>();
  const listener = createTlsServer({ cert: tls.certPem, key: tls.keyPem, ALPNProtocols: ['h2', 'http/1.1'] }, (socket: TLSSocket) => {
    if (socket.alpnProtocol === 'h2') injector.injectConnection(socket);
    else http.emit('connection', socket);
  });
  listener.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(listener, 0);
  const dir = mkdtempSync(join(tmpdir(), 'fake-c1-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.caPem, { mode: 0o600 });
  const address = `127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    address,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    wrongClientSecret: otherSecret(),
    caPem: tls.caPem,
    caFile,
    state,
    env: (secret = client.clientSecret) => ({
      BATON_CLIENT_ID: client.clientId,
      BATON_CLIENT_SECRET: secret,
      BATON_C1_API_HOST: address,
      NODE_EXTRA_CA_CERTS: caFile,
    }),
    enqueue: (taskType) => {
      const id = newTaskId();
      state.queue.push(create(TaskSchema, { id, taskType }));
      return id;
    },
    pause: stop,
    resume: async () => void (await listen(listener, port)),
    close: async () => {
      await stop();
      grpc.forceShutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listen(server: ReturnType<typeof createTlsServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
