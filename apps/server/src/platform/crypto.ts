import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { decryptWith, type DecryptionKeys } from './cipher/decrypt.mjs';
import { createDecryptWorker, type DecryptWorker } from './cipher/decrypt-worker';

export type CryptoSuite = 'aes' | 'sm';

/**
 * Encrypts sensitive values at rest and computes a keyed "blind index" for exact search.
 * Ciphertexts name their algorithm, so either suite can read the other's data.
 */
export interface DataCipher {
  readonly suite: CryptoSuite;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Many at once, on a worker thread (bulk exports write the file meanwhile); nulls stay null. */
  decryptMany(ciphertexts: readonly (string | null)[]): Promise<(string | null)[]>;
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

function aesGcm(key: KeyObject) {
  const nextIv = ivSource(12);
  return {
    encrypt(plaintext: string) {
      const iv = nextIv();
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = cipher.update(plaintext, 'utf8');
      cipher.final();
      return `v1.gcm.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
  };
}

/** SM4-CTR with an HMAC-SM3 tag over IV and ciphertext (encrypt-then-MAC). */
function sm4CtrSm3(encKey: KeyObject, macKey: Buffer) {
  const nextIv = ivSource(16);
  const tagOf = (ivAndBody: Buffer) => crypto.createHmac('sm3', macKey).update(ivAndBody).digest();
  return {
    encrypt(plaintext: string) {
      const iv = nextIv();
      const cipher = crypto.createCipheriv('sm4-ctr', encKey, iv);
      const ivAndBody = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.sm4.${Buffer.concat([ivAndBody, tagOf(ivAndBody)]).toString('base64url')}`;
    },
  };
}

export function createDataCipher(masterKey: Buffer, suite: CryptoSuite = 'aes'): DataCipher {
  if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const raw = { gcm: subkey(masterKey, 'aes-256-gcm', 32), sm4: subkey(masterKey, 'sm4-ctr', 16), sm3Mac: subkey(masterKey, 'hmac-sm3', 32) };
  const keys: DecryptionKeys = { gcm: crypto.createSecretKey(raw.gcm), sm4: crypto.createSecretKey(raw.sm4), sm3Mac: raw.sm3Mac };
  const gcm = aesGcm(keys.gcm);
  const sm = sm4CtrSm3(keys.sm4, keys.sm3Mac);
  const indexKey = subkey(masterKey, `blind-index-${suite}`, 32);
  let worker: DecryptWorker | undefined;
  return {
    suite,
    encrypt: (plaintext) => (suite === 'sm' ? sm : gcm).encrypt(plaintext),
    decrypt: (ciphertext) => decryptWith(keys, ciphertext),
    decryptMany(values) {
      // A few values are not worth a trip to the worker.
      if (values.length < 64) return Promise.resolve(values.map((v) => (v === null ? null : decryptWith(keys, v))));
      worker ??= createDecryptWorker(raw);
      return worker.decryptMany(values);
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
