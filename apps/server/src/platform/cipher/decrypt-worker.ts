import { Worker } from 'node:worker_threads';

export interface DecryptWorker {
  decryptMany(ciphertexts: readonly (string | null)[]): Promise<(string | null)[]>;
}

type Reply = { id: number; values: (string | null)[] } | { id: number; error: string };

/**
 * One worker thread for bulk decryption (about 6 µs per value, the largest cost of a revealed
 * export). It is started on first use and does not keep the process alive.
 */
export function createDecryptWorker(rawKeys: { readonly gcm: Buffer; readonly sm4: Buffer; readonly sm3Mac: Buffer }): DecryptWorker {
  const worker = new Worker(new URL('./decrypt-thread.mjs', import.meta.url), { workerData: rawKeys });
  worker.unref();
  const pending = new Map<number, { resolve: (values: (string | null)[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.values);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`decrypt worker exited with code ${code}`)));
  return {
    decryptMany(ciphertexts) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, values: ciphertexts });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      }) as Promise<(string | null)[]>;
    },
  };
}
