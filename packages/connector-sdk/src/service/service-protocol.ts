/**
 * C1's task protocol (`c1.connectorapi.baton.v1`): the protobuf schemas and service descriptors,
 * and the client pieces service mode is made of (credentials, token exchange, BatonService
 * client), for tools that speak to C1 or act as it, such as a loopback fake of C1.
 */
export * from './gen/c1/connectorapi/baton/v1/baton_pb.js';
export * from './gen/c1/connector/v2/service_pb.js';
export * from './gen/google/rpc/status_pb.js';
export { c1Address, C1_API_HOST_ENV } from './address.js';
export { C1CallError, GrpcC1Api, type C1Api, type GrpcC1ApiOptions } from './client.js';
export { C1CredentialError, parseC1Credentials, type C1Credentials } from './credentials.js';
export { C1AuthError, C1TokenSource, type AccessToken, type TokenSourceOptions } from './token.js';
