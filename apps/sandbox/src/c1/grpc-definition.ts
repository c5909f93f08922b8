import { fromBinary, toBinary, type DescService } from '@bufbuild/protobuf';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { BatonService } from '@c1/connector-sdk/service-protocol';

/**
 * The `@grpc/grpc-js` definition of a protobuf service, with binary protobuf (de)serializers.
 * The fake C1 serves with grpc-js while the SDK's client is Connect's, so every test of
 * service mode crosses two independent gRPC implementations.
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

/** `c1.connectorapi.baton.v1.BatonService` for a grpc-js server. */
export const BATON_SERVICE_DEFINITION: ServiceDefinition = grpcDefinitionOf(BatonService);
