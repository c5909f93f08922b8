import { fromBinary, toBinary, type DescService } from '@bufbuild/protobuf';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { BatonService } from './gen/c1/connectorapi/baton/v1/baton_pb.js';

/**
 * The gRPC definition of a protobuf service, with binary protobuf (de)serializers: what a
 * `@grpc/grpc-js` client calls and what a server (C1, or a fake of it) adds.
 */
export function grpcDefinitionOf(service: DescService): ServiceDefinition {
  const methods: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methods) {
    const input = method.input;
    const output = method.output;
    methods[method.name] = {
      path: `/${service.typeName}/${method.name}`,
      requestStream: method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming',
      responseStream: method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming',
      requestSerialize: (value) => Buffer.from(toBinary(input, value as never)),
      requestDeserialize: (bytes: Buffer) => fromBinary(input, bytes),
      responseSerialize: (value) => Buffer.from(toBinary(output, value as never)),
      responseDeserialize: (bytes: Buffer) => fromBinary(output, bytes),
    };
  }
  return methods;
}

/** `c1.connectorapi.baton.v1.BatonService` for `@grpc/grpc-js`. */
export const BATON_SERVICE_DEFINITION: ServiceDefinition = grpcDefinitionOf(BatonService);
