import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { FaultSwitch } from './faults.js';
import type { FaultOptions } from './faults.js';
import { RequestCounter } from './request-counter.js';
import type { SandboxService, ServiceResponse } from './service.js';
import { Router } from './router.js';
import type { RouteParams } from './router.js';

const MAX_BODY_BYTES = 1024 * 1024;
const CONTROL_PREFIX = '/_sandbox';

type ControlHandler = (params: RouteParams, query: URLSearchParams, body: string) => ServiceResponse;

function jsonResponse(status: number, value: unknown): ServiceResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/**
 * The HTTP side of the sandbox: one loopback server that routes by mount path to its services,
 * counts every request, applies each service's fault switches, and offers a small control API
 * under `/_sandbox` (request counts and fault switches, for callers in another process).
 */
export class SandboxHost {
  /** Every request that reached a service, faulted or not. */
  readonly counter = new RequestCounter();
  readonly #services: readonly SandboxService[];
  readonly #faults = new Map<string, FaultSwitch>();
  readonly #server: Server;
  readonly #closing = new AbortController();
  readonly #control = new Router<ControlHandler>();

  constructor(services: readonly SandboxService[], faults: FaultOptions = {}) {
    this.#services = services;
    for (const service of services) this.#faults.set(service.name, new FaultSwitch(faults));
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch(() => response.destroy());
    });
    this.#control
      .on('GET', '/requests', () => jsonResponse(200, { total: this.counter.count(), services: this.counter.snapshot() }))
      .on('DELETE', '/requests', () => {
        this.counter.reset();
        return { status: 204 };
      })
      .on('GET', '/faults', () => jsonResponse(200, this.faults()))
      .on('PUT', '/faults', (_params, query, body) => {
        const options: unknown = body === '' ? {} : JSON.parse(body);
        if (typeof options !== 'object' || options === null || Array.isArray(options)) {
          return jsonResponse(400, { message: 'fault options must be a JSON object' });
        }
        this.setFaults(options as FaultOptions, query.get('service') ?? undefined);
        return { status: 204 };
      });
  }

  /** Starts listening on 127.0.0.1 and resolves with the origin, e.g. `http://127.0.0.1:40123`. */
  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** Replaces the fault state of one service, or of every service when `service` is left out. */
  setFaults(faults: FaultOptions, service?: string): void {
    if (service !== undefined) {
      const target = this.#faults.get(service);
      if (target === undefined) throw new RangeError(`no sandbox service named ${service}`);
      target.set(faults);
      return;
    }
    for (const target of this.#faults.values()) target.set(faults);
  }

  /** The faults still armed, per service. */
  faults(): Record<string, FaultOptions> {
    return Object.fromEntries([...this.#faults].map(([name, faults]) => [name, faults.snapshot()]));
  }

  /** Stops listening, cuts open connections and cancels pending latency waits. */
  async close(): Promise<void> {
    this.#closing.abort();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const body = await readBody(request);
    if (body === undefined) {
      writeResponse(response, jsonResponse(413, { message: `request body over ${MAX_BODY_BYTES} bytes` }), false);
      return;
    }
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      writeResponse(response, this.#controlResponse(method, url, body), false);
      return;
    }
    const service = this.#services.find(({ mountPath }) => url.pathname === mountPath || url.pathname.startsWith(`${mountPath}/`));
    if (service === undefined) {
      writeResponse(response, jsonResponse(404, { message: `no sandbox service is mounted at ${url.pathname}` }), false);
      return;
    }
    const path = url.pathname.slice(service.mountPath.length) || '/';
    this.counter.record(service.name, method, path);
    const faults = this.#faults.get(service.name) as FaultSwitch;
    if (faults.latencyMs > 0) {
      try {
        await delay(faults.latencyMs, undefined, { signal: this.#closing.signal });
      } catch {
        response.destroy();
        return;
      }
    }
    const action = faults.take();
    if (action.kind === 'reset') {
      request.socket.resetAndDestroy();
      return;
    }
    let answer: ServiceResponse;
    if (action.kind === 'status') {
      answer = service.errorResponse(action.status, `sandbox fault: injected ${action.status}`);
    } else {
      try {
        answer = await service.handle({ method, path, query: url.searchParams, headers: request.headers, body });
      } catch (error) {
        answer = service.errorResponse(500, `sandbox error: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const malformed = answer.body === undefined ? undefined : faults.malform(answer.status, answer.body);
    if (malformed !== undefined) answer = { ...answer, body: malformed };
    const truncate = answer.body !== undefined && answer.body !== '' && faults.takeTruncation();
    writeResponse(response, answer, truncate);
  }

  #controlResponse(method: string, url: URL, body: string): ServiceResponse {
    const match = this.#control.match(method, url.pathname.slice(CONTROL_PREFIX.length) || '/');
    if (match.kind === 'not-found') return jsonResponse(404, { message: `unknown control path ${url.pathname}` });
    if (match.kind === 'method-not-allowed') return jsonResponse(405, { message: `use ${match.allowed.join(', ')}` });
    try {
      return match.handler(match.params, url.searchParams, body);
    } catch (error) {
      return jsonResponse(400, { message: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** Reads the whole body as UTF-8; undefined when it exceeds the size cap. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function writeResponse(response: ServerResponse, answer: ServiceResponse, truncate: boolean): void {
  const body = answer.body === undefined ? undefined : Buffer.from(answer.body, 'utf8');
  const headers: Record<string, string | number> = { ...answer.headers };
  if (body !== undefined) headers['content-length'] = body.length;
  response.writeHead(answer.status, headers);
  if (body === undefined) {
    response.end();
  } else if (truncate) {
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.destroy());
  } else {
    response.end(body);
  }
}
