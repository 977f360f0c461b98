import { sql, type SQL } from 'drizzle-orm';
import type { RequestEvent, RequestPhoto, ServiceRequestSummary } from '@gridwork/contracts';
import type { CategoryRow, EventRow, PhotoRow, RequestRow } from './requests.repo';

export const referenceOf = (seq: number) => `GW${String(seq).padStart(8, '0')}`;

/** `referenceOf` in SQL, for a statement that learns the seq as it inserts. */
export const referenceSql = (seq: SQL) => sql`'GW' || lpad((${seq})::text, 8, '0')`;

/** `GW00000123` → 123 (or undefined when the text is not a reference). */
export function seqOfReference(text: string): number | undefined {
  const match = /^GW(\d{1,12})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

export interface ViewLookups {
  readonly categories: ReadonlyMap<string, CategoryRow>;
  readonly placeNames: ReadonlyMap<string, string>;
}

export function toSummary(row: RequestRow, lookups: ViewLookups): ServiceRequestSummary {
  const owner = row.ownerUserId || row.ownerUnit ? { userId: row.ownerUserId, name: row.ownerName, unit: row.ownerUnit } : null;
  return {
    id: row.id,
    reference: referenceOf(row.seq),
    status: row.status,
    triage: row.triage,
    triageConfirmed: row.triageConfirmed,
    category: row.categoryCode,
    categoryName: lookups.categories.get(row.categoryCode)?.name ?? row.categoryCode,
    channel: row.channel,
    urgency: row.urgency,
    description: row.description,
    placeId: row.placeId,
    placeName: lookups.placeNames.get(row.placeId) ?? '',
    deadline: row.deadline?.toISOString() ?? null,
    dueState: row.dueState,
    owner,
    escalationLevel: row.escalationLevel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toEvent(row: EventRow): RequestEvent {
  return {
    id: row.id,
    kind: row.kind,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    actorName: row.actorName,
    note: row.note,
    at: row.at.toISOString(),
    details: row.details,
  };
}

export function toPhoto(row: PhotoRow): RequestPhoto {
  return { id: row.id, kind: row.kind, mime: row.mime, width: row.width, height: row.height, bytes: row.byteSize, url: `/api/v1/request-photos/${row.id}` };
}
