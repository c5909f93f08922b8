import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

type Env = Readonly<Record<string, string | undefined>>;

function readPem(path: string | undefined): string | undefined {
  if (path === undefined || path === '') return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The roots the gRPC channel trusts. grpc-js reads only its own GRPC_DEFAULT_SSL_ROOTS_FILE_PATH
 * (else Node's bundled roots); this adds what Node's own TLS would trust on top of that
 * (NODE_EXTRA_CA_CERTS) and an explicit CA, so the gRPC and token connections trust the same
 * certificates. Null means grpc-js's defaults.
 */
export function grpcRootCertificates(env: Env, ca?: string): Buffer | null {
  const extra = [readPem(env['NODE_EXTRA_CA_CERTS']), ca].filter((pem): pem is string => pem !== undefined);
  if (extra.length === 0) return null;
  const base = readPem(env['GRPC_DEFAULT_SSL_ROOTS_FILE_PATH']) ?? rootCertificates.join('\n');
  return Buffer.from([base, ...extra].join('\n'));
}
