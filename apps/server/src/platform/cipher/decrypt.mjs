// Decryption of the platform's ciphertexts ("v1.<algorithm>.<base64url payload>"), in plain
// JavaScript so that a worker thread can load it without a TypeScript loader.
import crypto from 'node:crypto';

/** AES-256-GCM: 12-byte IV, 16-byte tag, then the ciphertext. */
function decryptGcm(key, payload) {
  const raw = Buffer.from(payload, 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = decipher.update(raw.subarray(28), undefined, 'utf8');
  return text + decipher.final('utf8');
}

/** SM4-CTR, then an HMAC-SM3 tag over IV and ciphertext, checked before anything is decrypted. */
function decryptSm4(encKey, macKey, payload) {
  const raw = Buffer.from(payload, 'base64url');
  const ivAndBody = raw.subarray(0, raw.length - 32);
  const tag = crypto.createHmac('sm3', macKey).update(ivAndBody).digest();
  if (ivAndBody.length < 16 || !crypto.timingSafeEqual(tag, raw.subarray(raw.length - 32))) throw new Error('Ciphertext authentication failed');
  const decipher = crypto.createDecipheriv('sm4-ctr', encKey, ivAndBody.subarray(0, 16));
  return decipher.update(ivAndBody.subarray(16), undefined, 'utf8') + decipher.final('utf8');
}

export function decryptWith(keys, ciphertext) {
  const [version, algorithm, payload] = ciphertext.split('.');
  if (version !== 'v1' || !payload) throw new Error('Unknown ciphertext format');
  if (algorithm === 'gcm') return decryptGcm(keys.gcm, payload);
  if (algorithm === 'sm4') return decryptSm4(keys.sm4, keys.sm3Mac, payload);
  throw new Error(`Unknown cipher ${algorithm}`);
}
