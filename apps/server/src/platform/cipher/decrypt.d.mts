import type { KeyObject } from 'node:crypto';

export interface DecryptionKeys {
  readonly gcm: KeyObject;
  readonly sm4: KeyObject;
  readonly sm3Mac: Buffer;
}

export function decryptWith(keys: DecryptionKeys, ciphertext: string): string;
