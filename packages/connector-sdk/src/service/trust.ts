import { readFileSync } from 'node:fs';
import { getCACertificates } from 'node:tls';

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
 * The certificates the gRPC connection trusts: what Node's TLS trusts by default (its bundled
 * roots, the process's NODE_EXTRA_CA_CERTS, the OS store under `--use-system-ca`), plus the
 * NODE_EXTRA_CA_CERTS file named in `env` and an explicit CA, so the gRPC and token
 * connections trust the same certificates. Undefined means Node's defaults unchanged.
 * Verification itself is never turned off.
 */
export function grpcRootCertificates(env: Env, ca?: string): string[] | undefined {
  const extra = [readPem(env['NODE_EXTRA_CA_CERTS']), ca].filter((pem): pem is string => pem !== undefined);
  if (extra.length === 0) return undefined;
  return [...getCACertificates('default'), ...extra];
}
