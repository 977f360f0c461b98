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

/** The columns written by an import, with their SQL types (for `jsonb_to_recordset`). */
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
 * Writes one batch with one `INSERT … SELECT FROM jsonb_to_recordset(…) ON CONFLICT` statement: a
 * new ID number inserts, a known one updates the live record (same blind index as the API uses).
 * Gender and birth date always follow the identity; columns missing from the sheet keep their
 * stored values. Records move-ins and household changes in the move history, keeps care-group
 * paths in step, and creates the households' attribute rows when missing. Run inside a transaction.
 */
export async function upsertResidents(
  tx: Db,
  cipher: DataCipher,
  batch: readonly BulkRow[],
  present: ReadonlySet<ColumnKey>,
  actor: BulkActor,
  /** Households of the records these rows update, when the caller already looked them up. */
  known?: ReadonlyMap<string, ExistingResident>,
  /** Household attribute rows already ensured by earlier batches (filled in by this call). */
  ensuredHouseholds?: Set<string>,
): Promise<{ created: number; updated: number }> {
  if (batch.length === 0) return { created: 0, updated: 0 };
  const householdRows = new Map<string, { place_id: string; place_path: string; building_id: string }>();
  for (const { household } of batch) {
    if (ensuredHouseholds?.has(household.placeId)) continue;
    householdRows.set(household.placeId, { place_id: household.placeId, place_path: household.path, building_id: household.buildingId });
  }
  if (householdRows.size > 0) {
    await tx.execute(
      sql`INSERT INTO households (place_id, place_path, building_id)
        SELECT place_id, place_path, building_id FROM jsonb_to_recordset(${JSON.stringify([...householdRows.values()])}::jsonb) AS x(place_id uuid, place_path text, building_id uuid)
        ON CONFLICT (place_id) DO NOTHING`,
    );
    for (const id of householdRows.keys()) ensuredHouseholds?.add(id);
  }

  const now = new Date();
  const values = batch.map(({ row, household }) => {
    const sealed = seal(cipher, { idType: row.identity.idType, idNumber: row.identity.idNumber, phone: row.phone, healthNotes: null });
    return {
      household_id: household.placeId,
      place_id: household.placeId,
      place_path: household.path,
      name: row.name,
      name_tokens: cachedNameTokens(row.name),
      gender: row.identity.gender,
      birth_date: row.identity.birthDate,
      id_type: row.identity.idType,
      id_number_enc: sealed.idNumberEnc,
      id_number_index: sealed.idNumberIndex,
      id_number_masked: sealed.idNumberMasked,
      phone_enc: sealed.phoneEnc,
      phone_index: sealed.phoneIndex,
      phone_masked: sealed.phoneMasked,
      relation_to_head: row.relationToHead,
      residence_type: row.residenceType,
      occupation: row.occupation,
      employer: row.employer,
      notes: row.notes,
    };
  });
  const before = known ?? (await existingByIdIndexes(
    tx,
    values.map((v) => v.id_number_index),
  ));

  const set = ['updated_at = excluded.updated_at', 'gender = excluded.gender', 'birth_date = excluded.birth_date'];
  for (const key of present) for (const column of UPDATABLE[key]) if (column !== 'gender' && column !== 'birth_date') set.push(`${column} = excluded.${column}`);

  const written = await queryRows<{ id: string; index: string; household_id: string | null; inserted: boolean }>(
    tx,
    sql`INSERT INTO residents (${sql.raw(INPUT_NAMES)}, created_at, updated_at)
      SELECT ${sql.raw(INPUT_NAMES)}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x(${sql.raw(INPUT_TYPES)})
      ON CONFLICT (id_number_index) WHERE status <> 'anonymised' DO UPDATE SET ${sql.raw(set.join(', '))}
      RETURNING id, id_number_index AS index, household_id, (xmax = 0) AS inserted`,
  );

  let created = 0;
  const moves: { resident_id: string; from_household_id: string | null; to_household_id: string | null }[] = [];
  const moved: string[] = [];
  for (const w of written) {
    const old = before.get(w.index);
    if (w.inserted || !old) {
      created++;
      moves.push({ resident_id: w.id, from_household_id: null, to_household_id: w.household_id });
    } else if (old.householdId !== w.household_id) {
      moved.push(w.id);
      moves.push({ resident_id: w.id, from_household_id: old.householdId, to_household_id: w.household_id });
    }
  }
  if (moves.length > 0) {
    await tx.execute(
      sql`INSERT INTO resident_moves (resident_id, from_household_id, to_household_id, moved_at, reason, actor_id, actor_name)
        SELECT resident_id, from_household_id, to_household_id, ${now.toISOString()}::timestamptz, '表格导入', ${actor.id}::uuid, ${actor.name}::text
        FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) AS x(resident_id uuid, from_household_id uuid, to_household_id uuid)`,
    );
  }
  if (moved.length > 0) {
    await tx.execute(sql`UPDATE resident_care_groups g SET place_path = r.place_path FROM residents r WHERE g.resident_id = r.id AND r.id = ANY(${plainArray(moved)}::uuid[])`);
  }
  const heads = new Map<string, string>();
  const relationByIndex = new Map(values.map((v) => [v.id_number_index, v.relation_to_head]));
  for (const w of written) if (relationByIndex.get(w.index) === 'head' && w.household_id) heads.set(w.household_id, w.id);
  if (heads.size > 0) {
    await tx.execute(
      sql`UPDATE households h SET head_resident_id = v.rid, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify([...heads].map(([hid, rid]) => ({ hid, rid })))}::jsonb) AS v(hid uuid, rid uuid) WHERE h.place_id = v.hid`,
    );
  }
  return { created, updated: written.length - created };
}
