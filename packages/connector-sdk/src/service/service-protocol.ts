/**
 * The protobuf schemas and gRPC definition of C1's task protocol (`c1.connectorapi.baton.v1`),
 * for tools that speak to a connector in service mode, such as a loopback fake of C1.
 */
export * from './gen/c1/connectorapi/baton/v1/baton_pb.js';
export * from './gen/c1/connector/v2/service_pb.js';
export * from './gen/google/rpc/status_pb.js';
export { BATON_SERVICE_DEFINITION, grpcDefinitionOf } from './protocol.js';
