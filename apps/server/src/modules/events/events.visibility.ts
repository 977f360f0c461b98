import { inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { ROLE_PERMISSIONS, type Permission } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { inScope, scopeCondition, scopeOf, type Actor, type Scope } from '../../platform/access';
import { ancestorPaths, type PlacesService } from '../places/places.service';

/**
 * Who sees which events, teams and lecture topics. Staff see everything in their scope (drafts too);
 * everyone sees what is published at the places above their scope (a grid worker sees the community's
 * events); people who take part for themselves (residents, members: `event.signup` / `volunteer.join`)
 * are widened from their household or grid to their whole community — an event is for the neighbourhood.
 */
export interface Visibility {
  readonly full: Scope;
  readonly published: Scope;
  readonly exact: readonly string[];
}

export async function visibilityOf(places: PlacesService, tx: Db, actor: Actor, read: Permission, self: Permission): Promise<Visibility> {
  const full = scopeOf(actor, read);
  const exact = new Set(full.paths.flatMap(ancestorPaths));
  const published: string[] = [];
  for (const grant of actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(self))) {
    const place = await places.findById(grant.placeId, tx);
    const community = place ? (await places.lineage(place, tx)).find((p) => p.type === 'community') : undefined;
    const home = community?.path ?? grant.placePath;
    published.push(home);
    for (const p of ancestorPaths(home)) exact.add(p);
  }
  return { full, published: { paths: published }, exact: [...exact] };
}

/** The list filter; `publishedOnly` is the condition that a row is visible to non-staff (e.g. status = 'published'). */
export function visibleCondition(v: Visibility, path: AnyPgColumn, publishedOnly: SQL = sql`true`): SQL {
  const wide = [scopeCondition(v.published, path), ...(v.exact.length > 0 ? [inArray(path, [...v.exact])] : [])];
  return or(scopeCondition(v.full, path), sql`(${publishedOnly} AND (${or(...wide)}))`)!;
}

export function isVisible(v: Visibility, path: string, published: boolean): boolean {
  return inScope(v.full, path) || (published && (inScope(v.published, path) || v.exact.includes(path)));
}
