import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type CryptoSuite = 'aes' | 'sm';

/**
 * Encrypts sensitive values at rest and computes a keyed "blind index" for exact search.
 * Ciphertexts name their algorithm, so either suite can read the other's data.
 */
export interface DataCipher {
  readonly suite: CryptoSuite;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Keyed hash of a normalized value: equal inputs give equal outputs, nothing else leaks. */
  blindIndex(value: string): string;
}

const subkey = (master: Buffer, label: string, length: number) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `gridwork:${label}`, length));

/**
 * Fresh random IVs, taken from a pool filled by the CSPRNG a few hundred at a time: one
 * `randomBytes` call per value cost as much as the encryption itself in bulk imports.
 */
function ivSource(size: number) {
  const pool = Buffer.alloc(size * 512);
  let offset = pool.length;
  return () => {
    if (offset + size > pool.length) {
      crypto.randomFillSync(pool);
      offset = 0;
    }
    const iv = Buffer.from(pool.subarray(offset, offset + size));
    offset += size;
    return iv;
  };
}

function aesGcm(rawKey: Buffer) {
  const key = crypto.createSecretKey(rawKey);
  const nextIv = ivSource(12);
  return {
    encrypt(plaintext: string) {
      const iv = nextIv();
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = cipher.update(plaintext, 'utf8');
      cipher.final();
      return `v1.gcm.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(payload: string) {
      const raw = Buffer.from(payload, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = decipher.update(raw.subarray(28), undefined, 'utf8');
      return text + decipher.final('utf8');
    },
  };
}

/** SM4-CTR with an HMAC-SM3 tag over IV and ciphertext (encrypt-then-MAC). */
function sm4CtrSm3(rawEncKey: Buffer, macKey: Buffer) {
  const encKey = crypto.createSecretKey(rawEncKey);
  const nextIv = ivSource(16);
  const tagOf = (ivAndBody: Buffer) => crypto.createHmac('sm3', macKey).update(ivAndBody).digest();
  return {
    encrypt(plaintext: string) {
      const iv = nextIv();
      const cipher = crypto.createCipheriv('sm4-ctr', encKey, iv);
      const ivAndBody = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.sm4.${Buffer.concat([ivAndBody, tagOf(ivAndBody)]).toString('base64url')}`;
    },
    decrypt(payload: string) {
      const raw = Buffer.from(payload, 'base64url');
      const ivAndBody = raw.subarray(0, raw.length - 32);
      if (ivAndBody.length < 16 || !crypto.timingSafeEqual(tagOf(ivAndBody), raw.subarray(raw.length - 32))) throw new Error('Ciphertext authentication failed');
      const decipher = crypto.createDecipheriv('sm4-ctr', encKey, ivAndBody.subarray(0, 16));
      return Buffer.concat([decipher.update(ivAndBody.subarray(16)), decipher.final()]).toString('utf8');
    },
  };
}

export function createDataCipher(masterKey: Buffer, suite: CryptoSuite = 'aes'): DataCipher {
  if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const gcm = aesGcm(subkey(masterKey, 'aes-256-gcm', 32));
  const sm = sm4CtrSm3(subkey(masterKey, 'sm4-ctr', 16), subkey(masterKey, 'hmac-sm3', 32));
  const indexKey = subkey(masterKey, `blind-index-${suite}`, 32);
  return {
    suite,
    encrypt: (plaintext) => (suite === 'sm' ? sm : gcm).encrypt(plaintext),
    decrypt(ciphertext) {
      const [version, algorithm, payload] = ciphertext.split('.');
      if (version !== 'v1' || !payload) throw new Error('Unknown ciphertext format');
      if (algorithm === 'gcm') return gcm.decrypt(payload);
      if (algorithm === 'sm4') return sm.decrypt(payload);
      throw new Error(`Unknown cipher ${algorithm}`);
    },
    blindIndex: (value) => crypto.createHmac(suite === 'sm' ? 'sm3' : 'sha256', indexKey).update(value).digest('base64url'),
  };
}

export function cryptoSuiteFrom(env: NodeJS.ProcessEnv): CryptoSuite {
  const value = env.GRIDWORK_CRYPTO ?? 'aes';
  if (value !== 'aes' && value !== 'sm') throw new Error('GRIDWORK_CRYPTO must be "aes" (AES-256-GCM, HMAC-SHA256) or "sm" (SM4-CTR + HMAC-SM3)');
  return value;
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
