import { armor, Encrypter } from 'age-encryption';
import type { PlaintextData } from '../connector/index.js';

/**
 * Encrypts secrets returned by a connector (a new account's password, say) to an age X25519
 * recipient and returns the ASCII-armored ciphertext. The plaintext is a JSON array of
 * `{ name, description?, value }` (`value` is UTF-8 text, or base64 with `encoding: 'base64'`
 * when the bytes are not text); decrypt it with `age -d -i key.txt`.
 */
export async function sealSecrets(secrets: readonly PlaintextData[], recipient: string): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries = secrets.map((secret) => {
    const described = secret.description === undefined ? {} : { description: secret.description };
    try {
      return { name: secret.name, ...described, value: decoder.decode(secret.bytes) };
    } catch {
      return { name: secret.name, ...described, value: Buffer.from(secret.bytes).toString('base64'), encoding: 'base64' };
    }
  });
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(JSON.stringify(entries)));
}

/** Encrypts `bytes` to one age X25519 recipient and returns the binary age file. */
export function encryptToAgeRecipient(bytes: Uint8Array, recipient: string): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return encrypter.encrypt(bytes);
}
