import { protocol, types, type QueryOptions, type Results } from '@electric-sql/pglite';

// The wire format between the main thread and the embedded database's thread (pglite-thread.mjs).

/** A result set as the thread decodes it: values still text, as the backend sent them. */
export interface ResultSet {
  readonly names: readonly string[];
  readonly types: readonly number[];
  readonly rows: readonly (readonly (string | null)[])[];
  readonly command: string;
}
export interface Answer {
  readonly results: readonly ResultSet[];
  readonly paramTypes?: readonly number[];
  /** The fields of the backend's first ErrorResponse. */
  readonly error?: Readonly<Record<string, unknown>> & { readonly message: string };
  readonly notifications?: readonly { readonly channel: string; readonly payload: string }[];
}
/** As PGlite's `parseResults`: values through the parsers, and rows affected summed over statements. */
export function toResults(sets: readonly ResultSet[], defaults: Record<number | string, types.Parser>, options: QueryOptions | undefined): Results[] {
  const parsers = options?.parsers ? { ...defaults, ...options.parsers } : defaults;
  const asArrays = options?.rowMode === 'array';
  let affectedRows = 0;
  const results = sets.map(({ names, types: typeIds, rows, command: tag }): Results => {
    const parts = tag.split(' ');
    const command = parts[0]!;
    const rowCount = Number.parseInt(parts[parts.length - 1]!, 10);
    if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command)) affectedRows += rowCount;
    const parsed = rows.map((row) => {
      if (asArrays) return row.map((value, i) => types.parseType(value, typeIds[i]!, parsers) as unknown);
      const object: Record<string, unknown> = {};
      for (let i = 0; i < row.length; i++) object[names[i]!] = types.parseType(row[i]!, typeIds[i]!, parsers);
      return object;
    });
    return {
      rows: parsed,
      fields: names.map((name, i) => ({ name, dataTypeID: typeIds[i]! })),
      command,
      affectedRows,
      ...(Number.isNaN(rowCount) ? {} : { rowCount }),
    };
  });
  return results.length ? results : [{ rows: [], fields: [], affectedRows: 0 }];
}

export function databaseError(fields: NonNullable<Answer['error']>): Error {
  const { message, length, name: _name, ...rest } = fields;
  return Object.assign(new protocol.messages.DatabaseError(message, Number(length ?? 0), 'error'), rest);
}

/**
 * Bind (text values, text results), Describe portal, Execute and Sync as one buffer: the call
 * every query makes. Written directly, as PGlite's message writer cost a tenth of the main thread.
 */
export function bindAndExecute(statement: string, values: readonly (string | Uint8Array | null)[]): Uint8Array {
  const nameLength = Buffer.byteLength(statement);
  let valuesLength = 0;
  for (const value of values) valuesLength += 4 + (value === null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length);
  const bindLength = 4 + 1 + nameLength + 1 + 2 + 2 + valuesLength + 2;
  // Not from Buffer's shared pool: the buffer is handed over to the thread whole.
  const out = Buffer.allocUnsafeSlow(1 + bindLength + DESCRIBE_EXECUTE_SYNC.length);
  let at = 0;
  out[at++] = 0x42; // B
  at = out.writeInt32BE(bindLength, at);
  out[at++] = 0; // the unnamed portal
  at += out.write(statement, at, 'utf8');
  out[at++] = 0;
  at = out.writeInt16BE(0, at); // no parameter format codes: all text
  at = out.writeInt16BE(values.length, at);
  for (const value of values) {
    if (value === null) {
      at = out.writeInt32BE(-1, at);
    } else if (typeof value === 'string') {
      const written = out.write(value, at + 4, 'utf8');
      at = out.writeInt32BE(written, at) + written;
    } else {
      at = out.writeInt32BE(value.length, at);
      out.set(value, at);
      at += value.length;
    }
  }
  at = out.writeInt16BE(0, at); // no result format codes: all text
  out.set(DESCRIBE_EXECUTE_SYNC, at);
  return out;
}
const DESCRIBE_EXECUTE_SYNC = joined([protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()]);

export function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
