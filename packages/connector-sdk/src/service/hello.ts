import { arch, hostname, release, type } from 'node:os';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { Connector } from '../connector/index.js';
import type { BatonServiceHelloRequestSchema } from './gen/c1/connectorapi/baton/v1/baton_pb.js';

/** Which program says Hello: the connector package and its version. */
export interface BuildFacts {
  package: string;
  version: string;
}

/** The Hello request: host, build and OS facts, and the connector's metadata (required by C1). */
export function helloRequest(
  hostId: string,
  taskId: string,
  connector: Connector,
  build: BuildFacts,
): MessageInitShape<typeof BatonServiceHelloRequestSchema> {
  const { displayName, description, helpUrl } = connector.metadata;
  return {
    hostId,
    taskId,
    buildInfo: { langVersion: `node ${process.version}`, package: build.package, packageVersion: build.version },
    osInfo: { hostname: hostname(), os: process.platform, platform: type(), kernelVersion: release(), kernelArch: arch() },
    connectorMetadata: { displayName, description: description ?? '', helpUrl: helpUrl ?? '' },
  };
}
