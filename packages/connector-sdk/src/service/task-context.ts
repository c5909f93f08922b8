import type { Connector } from '../connector/index.js';
import type { Logger } from '../log/index.js';
import type { C1Api } from './client.js';
import type { Task } from './gen/c1/connectorapi/baton/v1/baton_pb.js';
import type { BuildFacts } from './hello.js';
import type { FinishBody } from './outcome.js';
import type { Sleep } from './timing.js';

/** What the task loop and every task handler share: the connection, the connector and its settings. */
export interface ServiceSettings {
  api: C1Api;
  hostId: string;
  connector: Connector;
  logger: Logger;
  /** Aborted on shutdown: the loop stops taking tasks and running ones are cancelled. */
  signal: AbortSignal;
  /** Whether `--provisioning` allows tasks that change access. */
  provisioning: boolean;
  /** Where a sync keeps its working files. */
  tempDir: string;
  /** The connector package, for a Hello. */
  build: BuildFacts;
  /** Sync workers (`--workers`). */
  workers?: number;
}

/** Everything a task handler needs. */
export interface TaskContext extends ServiceSettings {
  task: Task;
  sleep: Sleep;
  /** Tells C1 how the task ended. */
  finish(body: FinishBody): Promise<void>;
}
