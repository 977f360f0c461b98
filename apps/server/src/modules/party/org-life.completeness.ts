import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { ORG_LIFE_SESSION_TYPES, type CompletenessReport, type OrgLifeFrequencies, type OrgLifeFrequency, type OrgLifeSessionType, type UpdateOrgLifeFrequencies } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { notFound, unprocessable } from '../../platform/errors';
import type { PlacesService } from '../places/places.service';
import { partyOrgs } from './party.tables';
import * as repo from './org-life.repo';
import { countPeriods, DEFAULT_FREQUENCIES, effectiveFrequency, periodsOf, typesRequiredOf } from './org-life.rules';
import { orgLifeAttendees, orgLifeFrequencies, orgLifeSessions } from './org-life.tables';
import { chinaDay, chinaMidnight } from '../../platform/china-time';

export interface OrgLifeCompletenessDeps {
  readonly db: Db;
  readonly places: PlacesService;
}

/** Where frequencies may be set: one standard for a whole community or more. */
const FREQUENCY_PLACE_TYPES: readonly string[] = ['community', 'subdistrict', 'district'];

interface Setting extends OrgLifeFrequency {
  readonly path: string;
  readonly placeName: string;
}

export function createOrgLifeCompleteness({ db, places }: OrgLifeCompletenessDeps) {
  /** Every configured frequency with its place's current path (the table is small: a few rows per community). */
  async function settings(tx: Db): Promise<Setting[]> {
    const rows = await tx.select().from(orgLifeFrequencies);
    const placesById = new Map((await places.findByIds([...new Set(rows.map((r) => r.placeId))], tx)).map((p) => [p.id, p]));
    return rows.flatMap((r) => {
      const place = placesById.get(r.placeId);
      return place ? [{ type: r.type, period: r.period, requiredCount: r.requiredCount, path: place.path, placeName: place.name }] : [];
    });
  }

  function frequencyAt(all: readonly Setting[], type: OrgLifeSessionType, path: string): OrgLifeFrequency & { setAt: string | null } {
    const found = effectiveFrequency(all.filter((s) => s.type === type), path);
    return found ? { type, period: found.period, requiredCount: found.requiredCount, setAt: found.placeName } : { type, ...DEFAULT_FREQUENCIES[type], setAt: null };
  }

  async function frequenciesAt(tx: Db, placeId: string, placeName: string, path: string): Promise<OrgLifeFrequencies> {
    const all = await settings(tx);
    return { placeId, placeName, items: ORG_LIFE_SESSION_TYPES.map((type) => frequencyAt(all, type, path)) };
  }

  return {
    /** The frequencies that apply at a place (default: the caller's widest place). */
    async frequencies(actor: Actor, placeId: string | undefined): Promise<OrgLifeFrequencies> {
      requirePermission(actor, 'org-life.read');
      const id = placeId ?? [...actor.grants].filter((g) => scopeOf(actor, 'org-life.read').paths.includes(g.placePath)).sort((a, b) => a.placePath.length - b.placePath.length)[0]?.placeId;
      if (!id) throw notFound();
      const place = await places.findById(id);
      assertRecordAccess(actor, place?.path, 'org-life.read');
      return frequenciesAt(db, place!.id, place!.name, place!.path);
    },

    async setFrequencies(actor: Actor, input: UpdateOrgLifeFrequencies): Promise<OrgLifeFrequencies> {
      return db.transaction(async (tx) => {
        const place = await places.findById(input.placeId, tx);
        assertRecordAccess(actor, place?.path, 'org-life.read', 'org-life.write');
        if (!FREQUENCY_PLACE_TYPES.includes(place!.type)) throw unprocessable('org_life_frequency_place');
        const types = input.items.map((i) => i.type);
        if (new Set(types).size !== types.length) throw unprocessable('validation_failed');
        const before = await frequenciesAt(tx, place!.id, place!.name, place!.path);
        for (const item of input.items) {
          await tx
            .insert(orgLifeFrequencies)
            .values({ placeId: place!.id, type: item.type, period: item.period, requiredCount: item.requiredCount, updatedBy: actor.userId })
            .onConflictDoUpdate({ target: [orgLifeFrequencies.placeId, orgLifeFrequencies.type], set: { period: item.period, requiredCount: item.requiredCount, updatedBy: actor.userId, updatedAt: new Date() } });
        }
        const after = await frequenciesAt(tx, place!.id, place!.name, place!.path);
        await writeAudit(tx, auditContextOf(actor), { action: 'org-life-frequency.update', entityType: 'place', entityId: place!.id, before: { items: before.items }, after: { items: after.items } });
        return after;
      });
    },

    /**
     * 组织生活完成情况: per branch and group and per period of each required frequency, how many
     * sessions were held against how many were required; periods already over and short are missing.
     */
    async report(actor: Actor, query: { orgId?: string; year?: number }, now = new Date()): Promise<CompletenessReport> {
      requirePermission(actor, 'org-life.read');
      const year = query.year ?? Number(chinaDay(now).slice(0, 4));
      const conditions = [scopeCondition(scopeOf(actor, 'org-life.read'), partyOrgs.placePath), inArray(partyOrgs.type, ['branch', 'group'])];
      if (query.orgId) {
        const org = await repo.findOrg(db, query.orgId);
        assertRecordAccess(actor, org?.placePath, 'org-life.read');
        conditions.push(inArray(partyOrgs.id, await repo.subtreeOrgIds(db, query.orgId)));
      }
      const orgs = await db.select({ id: partyOrgs.id, name: partyOrgs.name, type: partyOrgs.type, placePath: partyOrgs.placePath }).from(partyOrgs).where(and(...conditions)).orderBy(asc(partyOrgs.seq));
      if (orgs.length === 0) return { year, orgs: [] };
      const orgIds = orgs.map((o) => o.id);
      const yearStart = chinaMidnight(`${year}-01-01`);
      const yearEnd = chinaMidnight(`${year + 1}-01-01`);
      const held = await db
        .select({ id: orgLifeSessions.id, orgId: orgLifeSessions.orgId, type: orgLifeSessions.type, startsAt: orgLifeSessions.startsAt })
        .from(orgLifeSessions)
        .where(and(inArray(orgLifeSessions.orgId, orgIds), eq(orgLifeSessions.status, 'held'), gte(orgLifeSessions.startsAt, yearStart), lt(orgLifeSessions.startsAt, yearEnd)));
      const attendance = await db
        .select({
          orgId: orgLifeSessions.orgId,
          required: sql<number>`count(*)::int`,
          present: sql<number>`count(*) FILTER (WHERE ${orgLifeAttendees.status} = 'present')::int`,
        })
        .from(orgLifeAttendees)
        .innerJoin(orgLifeSessions, eq(orgLifeSessions.id, orgLifeAttendees.sessionId))
        .where(and(inArray(orgLifeSessions.orgId, orgIds), eq(orgLifeSessions.status, 'held'), gte(orgLifeSessions.startsAt, yearStart), lt(orgLifeSessions.startsAt, yearEnd)))
        .groupBy(orgLifeSessions.orgId);
      const rates = new Map(attendance.map((a) => [a.orgId, Number(a.required) > 0 ? Math.round((Number(a.present) / Number(a.required)) * 1000) / 1000 : null]));
      const all = await settings(db);
      return {
        year,
        orgs: orgs.map((org) => {
          const orgType = org.type === 'group' ? 'group' : 'branch';
          const lines = typesRequiredOf(orgType).map((type) => {
            const frequency = frequencyAt(all, type, org.placePath);
            const heldAt = held.filter((h) => h.orgId === org.id && h.type === type).map((h) => h.startsAt);
            const periods = countPeriods(periodsOf(frequency.period, year), heldAt, frequency.requiredCount, now);
            return {
              type,
              period: frequency.period,
              requiredCount: frequency.requiredCount,
              periods,
              requiredTotal: periods.length * frequency.requiredCount,
              heldTotal: heldAt.length,
              missingPeriods: periods.filter((p) => p.missing).length,
            };
          });
          return { orgId: org.id, orgName: org.name, orgType, lines, attendanceRate: rates.get(org.id) ?? null, missingPeriods: lines.reduce((n, l) => n + l.missingPeriods, 0) };
        }),
      };
    },
  };
}

export type OrgLifeCompleteness = ReturnType<typeof createOrgLifeCompleteness>;
