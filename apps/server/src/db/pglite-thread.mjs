// @ts-check
// The embedded database's own thread (see pglite-threaded.ts). Plain JavaScript: a worker thread
// starts without the TypeScript loader the main thread runs under.
// It runs the wire-protocol messages it is sent through PGlite's backend, in the order sent, and
// answers with what the backend said, decoded here: result sets as field names, type ids and rows
// of text values (turned into JavaScript values on the main thread, by the caller's parsers),
// parameter types, the first error, and notifications.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @typedef {{ id: number, kind: 'run', bytes: Uint8Array, syncToFs: boolean } | { id: number, kind: 'dump' } | { id: number, kind: 'close' }} Job */
/** @typedef {{ names: string[], types: number[], rows: (string | null)[][], command: string }} ResultSet */
/** @typedef {{ results: ResultSet[], paramTypes?: number[], error?: Record<string, unknown>, notifications?: { channel: string, payload: string }[] }} Answer */

if (!parentPort) throw new Error('pglite-thread.mjs runs as a worker thread');
const port = parentPort;

/** ErrorResponse field codes, named as PGlite's DatabaseError names them. */
const ERROR_FIELDS = /** @type {Record<string, string>} */ ({
  S: 'severity', C: 'code', M: 'message', D: 'detail', H: 'hint', P: 'position', p: 'internalPosition', q: 'internalQuery',
  W: 'where', s: 'schema', t: 'table', c: 'column', d: 'dataType', n: 'constraint', F: 'file', L: 'line', R: 'routine',
});

/**
 * Reads the backend's messages. Hand-written rather than PGlite's own parser, which builds an
 * object per message and reads through private-field helpers: it was a fifth of this thread's time.
 * @param {Uint8Array} bytes what the backend sent
 * @returns {Answer}
 */
function decode(bytes) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** @type {Answer} */
  const answer = { results: [] };
  /** @type {string[]} */
  let names = [];
  /** @type {number[]} */
  let types = [];
  /** @type {(string | null)[][]} */
  let rows = [];
  let at = 0;
  /** @returns {string} */
  const cstring = () => {
    const end = buf.indexOf(0, at);
    const text = buf.toString('utf8', at, end);
    at = end + 1;
    return text;
  };
  while (at + 5 <= buf.length) {
    const type = buf[at];
    const next = at + 1 + buf.readInt32BE(at + 1);
    at += 5;
    switch (type) {
      case 0x44: {
        // D: DataRow
        const count = buf.readInt16BE(at);
        at += 2;
        /** @type {(string | null)[]} */
        const row = new Array(count);
        for (let i = 0; i < count; i++) {
          const length = buf.readInt32BE(at);
          at += 4;
          if (length < 0) row[i] = null;
          else {
            row[i] = buf.toString('utf8', at, at + length);
            at += length;
          }
        }
        rows.push(row);
        break;
      }
      case 0x54: {
        // T: RowDescription
        const count = buf.readInt16BE(at);
        at += 2;
        names = new Array(count);
        types = new Array(count);
        for (let i = 0; i < count; i++) {
          names[i] = cstring();
          types[i] = buf.readInt32BE(at + 6);
          at += 18;
        }
        break;
      }
      case 0x43: // C: CommandComplete
        answer.results.push({ names, types, rows, command: cstring() });
        names = [];
        types = [];
        rows = [];
        break;
      case 0x74: {
        // t: ParameterDescription
        const count = buf.readInt16BE(at);
        answer.paramTypes = Array.from({ length: count }, (_, i) => buf.readInt32BE(at + 2 + 4 * i));
        break;
      }
      case 0x45: {
        // E: ErrorResponse; the first one is the one that counts
        /** @type {Record<string, string> & { message: string }} */
        const error = { message: '' };
        for (let code = buf[at]; code !== undefined && code !== 0; code = buf[at]) {
          at++;
          const value = cstring();
          const field = ERROR_FIELDS[String.fromCharCode(code)];
          if (field) error[field] = value;
        }
        answer.error ??= error;
        break;
      }
      case 0x41: {
        // A: NotificationResponse
        at += 4;
        const channel = cstring();
        (answer.notifications ??= []).push({ channel, payload: cstring() });
        break;
      }
    }
    at = next;
  }
  return answer;
}

/**
 * @param {Job} job
 * @returns {Promise<{ answer?: Answer, bytes?: Uint8Array<ArrayBuffer> }>}
 */
async function run(job) {
  if (job.kind === 'run') {
    /** @type {Uint8Array[]} */
    const parts = [];
    // The backend hands out views of its own memory: each is copied before the next call reuses it.
    await pg.execProtocolRawStream(job.bytes, { syncToFs: job.syncToFs, onRawData: (chunk) => parts.push(chunk.slice()) });
    return { answer: decode(parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts)) };
  }
  if (job.kind === 'dump') {
    const bytes = new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer());
    return { bytes };
  }
  await pg.close();
  return {};
}

/** @type {{ dataDir?: string, loadDataDir?: Uint8Array<ArrayBuffer> }} */
const options = workerData ?? {};
/** @type {PGlite} */
let pg;
try {
  pg = await PGlite.create(options.dataDir, options.loadDataDir ? { loadDataDir: new Blob([options.loadDataDir]) } : {});
  port.postMessage({ id: 0 });
} catch (error) {
  port.postMessage({ id: 0, failure: String(error instanceof Error ? (error.stack ?? error.message) : error) });
  port.close();
}

// Jobs run one after another, in the order sent: the main thread sends without waiting for answers.
let previous = Promise.resolve();
port.on('message', (/** @type {Job} */ job) => {
  previous = previous.then(() =>
    run(job).then(
      ({ answer, bytes }) => {
        port.postMessage({ id: job.id, answer, bytes }, bytes ? [bytes.buffer] : []);
        if (job.kind === 'close') port.close();
      },
      (error) => port.postMessage({ id: job.id, failure: String(error instanceof Error ? (error.stack ?? error.message) : error) }),
    ),
  );
});
