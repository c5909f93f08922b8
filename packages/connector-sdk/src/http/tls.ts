/** Node's codes for a TLS certificate the runtime does not trust. */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Node's code when `error`, or an error in its `cause` chain, says the server's certificate
 * is not trusted; undefined otherwise. Such a failure does not go away on a retry.
 */
export function untrustedCertificateCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && UNTRUSTED_CERTIFICATE_CODES.has(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** What an operator reads when the certificate is not trusted, with the next step. */
export function untrustedCertificateReason(code: string): string {
  return (
    `the server's TLS certificate is not trusted (${code}); if it is issued by your own certificate authority, ` +
    'set NODE_EXTRA_CA_CERTS to the path of that CA certificate (PEM) and run again'
  );
}
