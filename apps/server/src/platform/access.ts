import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { ROLE_PERMISSIONS, type Locale, type Permission, type PlaceType, type Role, type SessionRestriction } from '@gridwork/contracts';
import { AppError, forbidden, notFound } from './errors';

export interface RoleGrant {
  readonly assignmentId: string;
  readonly role: Role;
  readonly placeId: string;
  readonly placeName: string;
  readonly placeType: PlaceType;
  readonly placePath: string;
}

/** The signed-in user as every service sees them. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly RoleGrant[];
  readonly permissions: ReadonlySet<Permission>;
  readonly restriction: SessionRestriction | null;
  readonly totpEnabled: boolean;
  readonly locale: Locale;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** A union of place subtrees, as materialized path prefixes (`/1/5/`). */
export interface Scope {
  readonly paths: readonly string[];
}

/** Drops prefixes already covered by a shorter one, so filters stay small. */
function minimalPaths(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/** The places where the actor holds a role that grants `permission`. */
export function scopeOf(actor: Actor, permission: Permission): Scope {
  return { paths: minimalPaths(actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.placePath)) };
}

export function inScope(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The one data-scope filter: rows whose path lies in one of the scope's subtrees.
 * Every query returning people's or places' data goes through this.
 */
export function scopeCondition(scope: Scope, pathColumn: AnyPgColumn | SQL): SQL {
  if (scope.paths.length === 0) return sql`false`;
  const parts = scope.paths.map((p) => sql`${pathColumn} LIKE ${`${escapeLike(p)}%`}`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw forbidden();
}

/**
 * Loads-then-checks for one record: out of the read scope is 404 (existence is not revealed);
 * readable but outside the write scope is 403.
 */
export function assertRecordAccess(actor: Actor, path: string | undefined, read: Permission, write?: Permission): asserts path is string {
  if (path === undefined || !inScope(scopeOf(actor, read), path)) throw notFound();
  if (write && !inScope(scopeOf(actor, write), path)) throw new AppError(403, 'forbidden');
}

export interface AuditContext {
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export function auditContextOf(actor: Actor): AuditContext {
  return { actorId: actor.userId, actorName: actor.username, ip: actor.ip, userAgent: actor.userAgent };
}
