import { randomBytes } from 'node:crypto';
import type { BatonServiceFinishTaskRequest, BatonServiceHelloRequest, Task } from '@c1/connector-sdk/service-protocol';

/** One upload the fake received in full, with a checksum that matched. */
export interface ReceivedUpload {
  taskId: string;
  hostId: string;
  bytes: Buffer;
  /** Sizes of the data messages, in order. */
  chunkSizes: number[];
}

/** One heartbeat the fake received. */
export interface ReceivedHeartbeat {
  taskId: string;
  at: number;
}

/** What one call carried besides its message. */
export interface ReceivedCall {
  method: string;
  userAgent: string;
  /** How long the client gave the call, as the server saw it on arrival; absent without a deadline. */
  deadlineMs?: number;
}

/** Everything the fake C1 saw and what it still has to hand out. */
export class FakeC1State {
  /** Tasks not yet handed to a connector, first out first. */
  readonly queue: Task[] = [];
  /** Tasks handed out, by id. */
  readonly handed = new Map<string, Task>();
  /** Every BatonService call, in order of arrival. */
  readonly calls: ReceivedCall[] = [];
  readonly hellos: BatonServiceHelloRequest[] = [];
  readonly heartbeats: ReceivedHeartbeat[] = [];
  readonly finished: BatonServiceFinishTaskRequest[] = [];
  readonly uploads: ReceivedUpload[] = [];
  /** Uploads that ended before their EOF or with a wrong checksum. */
  abandonedUploads = 0;
  /** Token requests refused, with the reason. */
  readonly refusedTokens: string[] = [];
  readonly issuedTokens = new Set<string>();
  /** Task ids whose next heartbeat answers `cancelled`. */
  readonly cancelled = new Set<string>();
  /** GetTask calls answered. */
  polls = 0;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A task id as C1 makes them: 27 letters and digits. */
export function newTaskId(): string {
  return [...randomBytes(27)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}
