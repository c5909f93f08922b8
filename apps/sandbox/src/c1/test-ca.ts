import { generateKeyPair } from 'node:crypto';
import forge from 'node-forge';

/** A throwaway certificate authority and a server certificate it signed for 127.0.0.1. */
export interface TestTls {
  /** PEM of the CA certificate, what a client trusts (NODE_EXTRA_CA_CERTS or an explicit CA). */
  caPem: string;
  /** PEM of the server certificate (SAN IP 127.0.0.1, DNS localhost). */
  certPem: string;
  /** PEM of the server's private key. */
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An RSA key pair made by node:crypto (fast, native) in the shape node-forge signs with. */
function generateKeys(): Promise<{ publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey }> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } },
      (error, publicKey, privateKey) =>
        error
          ? reject(error)
          : resolve({
              publicKey: forge.pki.publicKeyFromPem(publicKey),
              privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
            }),
    ),
  );
}

function certificate(serial: string, subject: string, publicKey: forge.pki.PublicKey): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial;
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + DAY_MS);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  return cert;
}

/** Generates a CA valid for a day and a loopback server certificate signed by it. */
export async function generateTestTls(): Promise<TestTls> {
  const [caKeys, serverKeys] = await Promise.all([generateKeys(), generateKeys()]);
  const ca = certificate('01', 'C1 sandbox test CA', caKeys.publicKey);
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  const server = certificate('02', '127.0.0.1', serverKeys.publicKey);
  server.setIssuer(ca.subject.attributes);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(server),
    keyPem: forge.pki.privateKeyToPem(serverKeys.privateKey),
  };
}
