// A worker thread that decrypts lists of ciphertexts for bulk exports, so that the main thread
// can write the file meanwhile. Messages: { id, values: (string | null)[] } → { id, values } or { id, error }.
import crypto from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { decryptWith } from './decrypt.mjs';

const keys = { gcm: crypto.createSecretKey(workerData.gcm), sm4: crypto.createSecretKey(workerData.sm4), sm3Mac: Buffer.from(workerData.sm3Mac) };
parentPort.on('message', ({ id, values }) => {
  try {
    parentPort.postMessage({ id, values: values.map((value) => (value === null ? null : decryptWith(keys, value))) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
