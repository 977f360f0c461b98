import type { MemberStages, MemberTimelineEntry, PartyMember, PartyMemberTransfer } from '@gridwork/contracts';
import type { partyMemberTransfers } from './party-members.tables';
import type { PartyMemberRow } from './party-members.repo';
import { partyAnniversaryOf, partyYearsOn } from './party-members.rules';

export function stagesOf(row: Pick<PartyMemberRow, 'appliedOn' | 'activistOn' | 'candidateOn' | 'probationaryOn' | 'fullOn'>): MemberStages {
  return { appliedOn: row.appliedOn, activistOn: row.activistOn, candidateOn: row.candidateOn, probationaryOn: row.probationaryOn, fullOn: row.fullOn };
}

export function toPartyMember(row: PartyMemberRow, placeName: string, today: string): PartyMember {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    phone: row.phoneMasked,
    orgId: row.orgId,
    orgName: row.orgName,
    status: row.status,
    type: row.type,
    position: row.position,
    stages: stagesOf(row),
    partyAnniversary: partyAnniversaryOf(row.probationaryOn),
    partyYears: partyYearsOn(row.probationaryOn, today),
    employer: row.employer,
    homeOrgName: row.homeOrgName,
    mobileWhereabouts: row.mobileWhereabouts,
    mobileContact: row.mobileContact,
    residentId: row.residentId,
    userId: row.userId,
    placeId: row.placeId,
    placeName,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toTransfer(row: typeof partyMemberTransfers.$inferSelect): PartyMemberTransfer {
  return {
    id: row.id,
    memberId: row.memberId,
    fromOrgId: row.fromOrgId,
    fromOrgName: row.fromOrgName,
    toOrgId: row.toOrgId,
    toOrgName: row.toOrgName,
    transferredOn: row.transferredOn,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit rows of a member keep, and what the timeline compares to list changed fields. */
export function auditViewOf(row: PartyMemberRow) {
  return {
    orgId: row.orgId,
    residentId: row.residentId,
    userId: row.userId,
    name: row.name,
    gender: row.gender,
    status: row.status,
    type: row.type,
    position: row.position,
    ...stagesOf(row),
    employer: row.employer,
    homeOrgName: row.homeOrgName,
    mobileWhereabouts: row.mobileWhereabouts,
    mobileContact: row.mobileContact,
    // The phone itself stays out of the audit log: only whether it changed is visible.
    phoneMasked: row.phoneMasked,
  };
}

const blank: Omit<MemberTimelineEntry, 'kind' | 'at'> = { stage: null, fromOrgName: null, toOrgName: null, reason: null, actorName: null, changedFields: [] };

function changedFields(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
}

export interface AuditTrailRow {
  readonly at: Date | string;
  readonly action: string;
  readonly actor_name: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** Stages, transfers, creation and edits in one list, newest first (a date sorts before the same day's changes). */
export function timelineOf(row: PartyMemberRow, transfers: readonly PartyMemberTransfer[], trail: readonly AuditTrailRow[]): MemberTimelineEntry[] {
  const entries: MemberTimelineEntry[] = [];
  for (const [stage, date] of Object.entries(stagesOf(row)) as [keyof MemberStages, string | null][]) {
    if (date) entries.push({ ...blank, kind: 'stage', at: date, stage });
  }
  for (const t of transfers) entries.push({ ...blank, kind: 'transfer', at: t.transferredOn, fromOrgName: t.fromOrgName, toOrgName: t.toOrgName, reason: t.reason });
  for (const a of trail) {
    const at = new Date(a.at).toISOString();
    if (a.action === 'party-member.create') entries.push({ ...blank, kind: 'created', at, actorName: a.actor_name });
    if (a.action === 'party-member.update') entries.push({ ...blank, kind: 'updated', at, actorName: a.actor_name, changedFields: changedFields(a.before, a.after) });
  }
  // Records from the demo seed or an import have no creation row in the audit log.
  if (!trail.some((a) => a.action === 'party-member.create')) entries.push({ ...blank, kind: 'created', at: row.createdAt.toISOString() });
  return entries.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
}
