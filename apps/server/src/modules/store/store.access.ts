import { inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Place } from '@gridwork/contracts';
import { scopeCondition, scopeOf, type Actor, type Scope } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { ancestorPaths } from '../places/places.service';

/**
 * Stores sit at communities, but residents hold `store.read` at their household: a store serves
 * the places under it, so a catalogue is visible from inside its subtree as well as from above.
 */
export function servesScope(scope: Scope, path: AnyPgColumn): SQL {
  const above = [...new Set(scope.paths.flatMap(ancestorPaths))];
  return above.length === 0 ? scopeCondition(scope, path) : or(scopeCondition(scope, path), inArray(path, above))!;
}

export function serves(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p) || p.startsWith(path));
}

/** The stores serving `place`: at it, under it or above it. */
export function servingPlace(place: Place, path: AnyPgColumn): SQL {
  return or(sql`${path} LIKE ${`${place.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`, inArray(path, ancestorPaths(place.path)))!;
}

/** A place filter outside what the actor may see is answered like a place that does not exist. */
export function assertPlaceVisible(place: Place | undefined, scope: Scope): asserts place is Place {
  if (!place || !serves(scope, place.path)) throw notFound();
}

/** Counter staff and store managers read a store's redemptions; residents read only their own. */
export function staffScope(actor: Actor): Scope {
  return { paths: [...scopeOf(actor, 'store.redeem').paths, ...scopeOf(actor, 'store.manage').paths] };
}
