import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Encrypts small sensitive values at rest (AES-256-GCM); output is self-describing and versioned. */
export interface DataCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

export function createAesGcmCipher(key: Buffer): DataCipher {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes');
  return {
    encrypt(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.gcm.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(ciphertext) {
      const [version, algorithm, payload] = ciphertext.split('.');
      if (version !== 'v1' || algorithm !== 'gcm' || !payload) throw new Error('Unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The data key comes from GRIDWORK_DATA_KEY (64 hex characters or base64 of 32 bytes) or, on first
 * start, from a key file created in the data directory with owner-only permissions.
 */
export function loadDataKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.GRIDWORK_DATA_KEY;
  if (fromEnv) {
    const key = /^[0-9a-fA-F]{64}$/.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('GRIDWORK_DATA_KEY must be 32 bytes (64 hex characters or base64)');
    return key;
  }
  const keyPath = path.join(dataDir, 'data.key');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(keyPath)) fs.writeFileSync(keyPath, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'hex');
}
