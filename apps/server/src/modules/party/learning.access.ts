import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { inScope, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

/** The member record behind a signed-in user, as learning needs it. */
export interface LearningMember {
  readonly id: string;
  readonly name: string;
  readonly orgId: string | null;
  readonly placePath: string;
  /** The member's org and every org above it: what reaches them. */
  readonly reachingOrgIds: readonly string[];
}

/** Where study materials and quizzes keep their target orgs. */
export interface TargetTable {
  readonly table: 'study_material_orgs' | 'quiz_orgs';
  readonly key: 'material_id' | 'quiz_id';
}
export const MATERIAL_TARGETS: TargetTable = { table: 'study_material_orgs', key: 'material_id' };
export const QUIZ_TARGETS: TargetTable = { table: 'quiz_orgs', key: 'quiz_id' };

export interface Target {
  readonly id: string;
  readonly name: string;
  readonly placePath: string;
}

export async function orgAncestorIds(tx: Db, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`WITH RECURSIVE up AS (SELECT id, parent_id FROM party_orgs WHERE id = ${orgId}
        UNION ALL SELECT o.id, o.parent_id FROM party_orgs o JOIN up ON o.id = up.parent_id)
        SELECT id FROM up`,
  );
  return rows.map((r) => r.id);
}

/** The org and every org below it. */
export async function orgSubtreeIds(tx: Db, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`WITH RECURSIVE down AS (SELECT id FROM party_orgs WHERE id = ${orgId}
        UNION ALL SELECT o.id FROM party_orgs o JOIN down ON o.parent_id = down.id)
        SELECT id FROM down`,
  );
  return rows.map((r) => r.id);
}

export async function learningMemberOf(tx: Db, userId: string): Promise<LearningMember | null> {
  const [row] = await tx
    .select({ id: partyMembers.id, name: partyMembers.name, orgId: partyMembers.orgId, placePath: partyMembers.placePath })
    .from(partyMembers)
    .where(eq(partyMembers.userId, userId));
  if (!row) return null;
  return { ...row, reachingOrgIds: row.orgId ? await orgAncestorIds(tx, row.orgId) : [] };
}

/**
 * Target orgs reach a member through the org tree; an in-service member enrolled here without an org
 * of this tree (orgId null) is reached by orgs whose place contains where they enrolled.
 */
export function reachesMember(member: LearningMember, targets: readonly Target[]): boolean {
  return targets.some((t) => member.reachingOrgIds.includes(t.id) || (member.orgId === null && member.placePath.startsWith(t.placePath)));
}

/** SQL: the record (by its id column) has a target org reaching the member. */
export function reachesMemberCondition(targets: TargetTable, idColumn: SQL, member: LearningMember): SQL {
  const ids = member.reachingOrgIds.length > 0 ? sql`t.org_id IN (${sql.join(member.reachingOrgIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`;
  const enrolled = member.orgId === null ? sql`${member.placePath} LIKE o.place_path || '%'` : sql`false`;
  return sql`EXISTS (SELECT 1 FROM ${sql.raw(targets.table)} t JOIN party_orgs o ON o.id = t.org_id WHERE t.${sql.raw(targets.key)} = ${idColumn} AND (${ids} OR ${enrolled}))`;
}

/** SQL: the record has a target org inside the actor's learning.manage scope. */
export function staffScopeCondition(targets: TargetTable, idColumn: SQL, actor: Actor): SQL {
  const scope = scopeOf(actor, 'learning.manage');
  return sql`EXISTS (SELECT 1 FROM ${sql.raw(targets.table)} t JOIN party_orgs o ON o.id = t.org_id WHERE t.${sql.raw(targets.key)} = ${idColumn} AND ${scopeCondition(scope, sql`o.place_path`)})`;
}

export async function targetsOf(tx: Db, targets: TargetTable, recordIds: readonly string[]): Promise<Map<string, Target[]>> {
  const byRecord = new Map<string, Target[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await queryRows<{ record_id: string; id: string; name: string; place_path: string }>(
    tx,
    sql`SELECT t.${sql.raw(targets.key)} AS record_id, o.id, o.name, o.place_path FROM ${sql.raw(targets.table)} t JOIN party_orgs o ON o.id = t.org_id
        WHERE t.${sql.raw(targets.key)} IN (${sql.join(recordIds.map((id) => sql`${id}::uuid`), sql`, `)}) ORDER BY o.seq`,
  );
  for (const r of rows) {
    const list = byRecord.get(r.record_id) ?? [];
    list.push({ id: r.id, name: r.name, placePath: r.place_path });
    byRecord.set(r.record_id, list);
  }
  return byRecord;
}

/** Orgs to publish to: each must exist and lie in the actor's learning.manage scope. */
export async function publishableOrgs(tx: Db, actor: Actor, orgIds: readonly string[]): Promise<Target[]> {
  const unique = [...new Set(orgIds)];
  const rows = await tx.select({ id: partyOrgs.id, name: partyOrgs.name, placePath: partyOrgs.placePath }).from(partyOrgs).where(sql`${partyOrgs.id} IN (${sql.join(unique.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const scope = scopeOf(actor, 'learning.manage');
  if (rows.length !== unique.length || rows.some((r) => !inScope(scope, r.placePath))) throw new AppError(422, 'study_org_unknown');
  return rows;
}

export type LearningRole = { readonly as: 'staff' } | { readonly as: 'member'; readonly member: LearningMember };

/**
 * Who the caller is for one material or quiz: staff with learning.manage over one of its target orgs,
 * or a member it reaches. Neither: 404 (existence is not revealed). `write` needs every target in
 * the staff scope; a reader who may not write gets 403.
 */
export async function roleFor(tx: Db, actor: Actor, targets: readonly Target[], write = false): Promise<LearningRole> {
  const scope = scopeOf(actor, 'learning.manage');
  const staffReads = targets.some((t) => inScope(scope, t.placePath));
  if (staffReads) {
    if (write && !targets.every((t) => inScope(scope, t.placePath))) throw forbidden();
    return { as: 'staff' };
  }
  if (actor.permissions.has('party.self-service')) {
    const member = await learningMemberOf(tx, actor.userId);
    if (member && reachesMember(member, targets)) {
      if (write) throw forbidden();
      return { as: 'member', member };
    }
  }
  throw notFound();
}

/**
 * For the member-only actions (study, attempt): a caller with no member record gets 403
 * not_a_party_member — a fact about the caller, not about the record, so it reveals nothing.
 */
export async function requireMember(tx: Db, actor: Actor): Promise<LearningMember | null> {
  const member = await learningMemberOf(tx, actor.userId);
  if (!member && actor.permissions.has('party.self-service')) throw new AppError(403, 'not_a_party_member');
  return member;
}
