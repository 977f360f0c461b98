import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { DataCipher } from '../../platform/crypto';
import type { ColumnKey, ParsedRow } from './residents.excel';
import { seal } from './residents.rules';
import { nameTokens } from './residents.search';

/**
 * A PostgreSQL array literal of values made of letters, digits, `-` and `_` only (base64url hashes,
 * uuids, checked household codes): each is double-quoted, so none reads as NULL.
 */
const plainArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

/** A household place found by its code. */
export interface HouseholdRef {
  readonly placeId: string;
  readonly path: string;
  readonly buildingId: string;
  readonly name: string;
}

/**
 * Household places by code, in one query. Households are places owned by the places module; this
 * read-only lookup goes by table name because its service finds codes one at a time only.
 */
export async function householdsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, HouseholdRef>> {
  const found = new Map<string, HouseholdRef>();
  if (codes.length === 0) return found;
  const rows = await queryRows<{ id: string; code: string; path: string; parent_id: string; name: string }>(
    db,
    // Codes are checked by the sheet rules ([0-9A-Za-z-]), so an unquoted array literal is safe.
    sql`SELECT id, code, path, parent_id, name FROM places WHERE type = 'household' AND code = ANY(${plainArray(codes)}::text[])`,
  );
  for (const r of rows) found.set(r.code, { placeId: r.id, path: r.path, buildingId: r.parent_id, name: r.name });
  return found;
}

export interface ExistingResident {
  readonly id: string;
  readonly householdId: string | null;
  readonly placePath: string;
}

export interface BulkRow {
  readonly row: ParsedRow;
  readonly household: HouseholdRef;
  /** The ID number's blind index, as the checks computed it. */
  readonly idNumberIndex?: string;
}

export interface BulkActor {
  readonly id: string | null;
  readonly name: string | null;
}

/** Sheet columns → the stored columns they update on a known record. */
const UPDATABLE: Readonly<Record<ColumnKey, readonly string[]>> = {
  name: ['name', 'name_tokens'],
  idType: ['id_type'],
  idNumber: ['id_number_enc', 'id_number_masked'],
  gender: ['gender'],
  birthDate: ['birth_date'],
  householdCode: ['household_id', 'place_id', 'place_path'],
  relationToHead: ['relation_to_head'],
  residenceType: ['residence_type'],
  phone: ['phone_enc', 'phone_index', 'phone_masked'],
  occupation: ['occupation'],
  employer: ['employer'],
  notes: ['notes'],
};

/** The columns written by an import, with their SQL types (for `json_to_recordset`). */
const INPUT_COLUMNS = [
  ['household_id', 'uuid'],
  ['place_id', 'uuid'],
  ['place_path', 'text'],
  ['name', 'text'],
  ['name_tokens', 'text[]'],
  ['gender', 'text'],
  ['birth_date', 'date'],
  ['id_type', 'text'],
  ['id_number_enc', 'text'],
  ['id_number_index', 'text'],
  ['id_number_masked', 'text'],
  ['phone_enc', 'text'],
  ['phone_index', 'text'],
  ['phone_masked', 'text'],
  ['relation_to_head', 'text'],
  ['residence_type', 'text'],
  ['occupation', 'text'],
  ['employer', 'text'],
  ['notes', 'text'],
] as const;
const INPUT_NAMES = INPUT_COLUMNS.map(([name]) => name).join(', ');
const INPUT_TYPES = INPUT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');

/** Name search keys by name: pinyin conversion is the costly part and names repeat a lot. */
const tokenCache = new Map<string, string[]>();
function cachedNameTokens(name: string): string[] {
  let tokens = tokenCache.get(name);
  if (!tokens) {
    tokens = nameTokens(name);
    if (tokenCache.size >= 50_000) tokenCache.clear();
    tokenCache.set(name, tokens);
  }
  return tokens;
}


/** Live residents (not anonymised) holding these ID-number indexes, in one `= ANY` query. */
export async function existingByIdIndexes(db: Db, indexes: readonly string[]): Promise<Map<string, ExistingResident>> {
  const found = new Map<string, ExistingResident>();
  if (indexes.length === 0) return found;
  const rows = await queryRows<{ id: string; index: string; household_id: string | null; place_path: string }>(
    db,
    sql`SELECT id, id_number_index AS index, household_id, place_path FROM residents WHERE id_number_index = ANY(${plainArray(indexes)}::text[]) AND status <> 'anonymised'`,
  );
  for (const r of rows) found.set(r.index, { id: r.id, householdId: r.household_id, placePath: r.place_path });
  return found;
}

/**
 * Writes one batch with one `INSERT … SELECT FROM json_to_recordset(…) ON CONFLICT` statement: a
 * new ID number inserts, a known one updates the live record (same blind index as the API uses).
 * Gender and birth date always follow the identity; columns missing from the sheet keep their
 * stored values. Records move-ins and household changes in the move history, keeps care-group
 * paths in step, and creates the households' attribute rows when missing. One statement, so atomic on its own.
 */
export async function upsertResidents(
  tx: Db,
  cipher: DataCipher,
  batch: readonly BulkRow[],
  present: ReadonlySet<ColumnKey>,
  actor: BulkActor,
  /** Households of the records these rows update, when the caller already looked them up. */
  known?: ReadonlyMap<string, ExistingResident>,
  /** Households whose own row is known to exist: left alone unless this batch names their head. */
  householdRowsExist: ReadonlySet<string> = new Set(),
): Promise<{ created: number; updated: number }> {
  if (batch.length === 0) return { created: 0, updated: 0 };
  const now = new Date();
  const sealed = batch.map(({ row, idNumberIndex }) => seal(cipher, { idType: row.identity.idType, idNumber: row.identity.idNumber, phone: row.phone, healthNotes: null }, idNumberIndex));
  const before = known ?? (await existingByIdIndexes(
    tx,
    sealed.map((s) => s.idNumberIndex),
  ));
  // One object literal per row, in one shape: spreading rows into new ones cost ~10 µs a row.
  // The household each known record was in lets the statement tell moves from stays.
  const headed = new Set(batch.filter(({ row }) => row.relationToHead === 'head').map(({ household }) => household.placeId));
  const input = batch.map(({ row, household }, n) => {
    const s = sealed[n]!;
    const old = before.get(s.idNumberIndex);
    return {
      household_id: household.placeId,
      place_id: household.placeId,
      place_path: household.path,
      name: row.name,
      name_tokens: cachedNameTokens(row.name),
      gender: row.identity.gender,
      birth_date: row.identity.birthDate,
      id_type: row.identity.idType,
      id_number_enc: s.idNumberEnc,
      id_number_index: s.idNumberIndex,
      id_number_masked: s.idNumberMasked,
      phone_enc: s.phoneEnc,
      phone_index: s.phoneIndex,
      phone_masked: s.phoneMasked,
      relation_to_head: row.relationToHead,
      residence_type: row.residenceType,
      occupation: row.occupation,
      employer: row.employer,
      notes: row.notes,
      n,
      building_id: household.buildingId,
      old_household_id: old?.householdId ?? null,
      known: old !== undefined,
      ensure_household: headed.has(household.placeId) || !householdRowsExist.has(household.placeId),
    };
  });

  const set = ['updated_at = excluded.updated_at', 'gender = excluded.gender', 'birth_date = excluded.birth_date'];
  for (const key of present) for (const column of UPDATABLE[key]) if (column !== 'gender' && column !== 'birth_date') set.push(`${column} = excluded.${column}`);

  // One statement per batch, atomic without a transaction of its own: the rows, their move
  // history, care-group paths of movers, and the households' rows and heads. One round trip
  // keeps the database busy while this process reads on.
  const [counts] = await queryRows<{ created: number; updated: number }>(
    tx,
    sql`WITH input AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(input)}::json) AS x(${sql.raw(INPUT_TYPES)}, n int, building_id uuid, old_household_id uuid, known boolean, ensure_household boolean)
      ), written AS (
        INSERT INTO residents (${sql.raw(INPUT_NAMES)}, created_at, updated_at)
        SELECT ${sql.raw(INPUT_NAMES)}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz FROM input ORDER BY n
        ON CONFLICT (id_number_index) WHERE status <> 'anonymised' DO UPDATE SET ${sql.raw(set.join(', '))}
        RETURNING id, id_number_index, household_id, place_path, (xmax = 0) AS inserted
      ), changes AS (
        SELECT w.id, w.household_id, w.place_path, (w.inserted OR NOT i.known) AS created, i.old_household_id, i.relation_to_head, i.n
        FROM written w JOIN input i ON i.id_number_index = w.id_number_index
      ), moves AS (
        INSERT INTO resident_moves (resident_id, from_household_id, to_household_id, moved_at, reason, actor_id, actor_name)
        SELECT id, CASE WHEN created THEN NULL ELSE old_household_id END, household_id, ${now.toISOString()}::timestamptz, '表格导入', ${actor.id}::uuid, ${actor.name}::text
        FROM changes WHERE created OR old_household_id IS DISTINCT FROM household_id
      ), care_paths AS (
        UPDATE resident_care_groups g SET place_path = c.place_path FROM changes c
        WHERE g.resident_id = c.id AND NOT c.created AND c.old_household_id IS DISTINCT FROM c.household_id
      ), heads AS (
        SELECT DISTINCT ON (household_id) household_id, id FROM changes WHERE relation_to_head = 'head' AND household_id IS NOT NULL ORDER BY household_id, n DESC
      ), household_rows AS (
        -- The households' own rows: created when missing, their head set when the sheet names one.
        -- In place order, so that concurrent imports lock them in the same order.
        INSERT INTO households (place_id, place_path, building_id, head_resident_id)
        SELECT DISTINCT ON (i.household_id) i.household_id, i.place_path, i.building_id, h.id
        FROM input i LEFT JOIN heads h ON h.household_id = i.household_id
        WHERE i.ensure_household
        ORDER BY i.household_id
        ON CONFLICT (place_id) DO UPDATE SET head_resident_id = excluded.head_resident_id, updated_at = now() WHERE excluded.head_resident_id IS NOT NULL
      )
      SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM changes`,
  );
  return { created: counts?.created ?? 0, updated: counts?.updated ?? 0 };
}
