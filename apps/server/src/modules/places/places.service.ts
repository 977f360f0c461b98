import { ALLOWED_CHILDREN, PLACE_TYPE_LABELS, type CreatePlace, type GridBoundary, type Place, type PlaceType, type UpdatePlace } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeOf, type Actor, type Scope } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors';
import type { PlaceHooks } from '../../platform/module';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { boundaryProblem, boundingBox, containsPoint, roughArea } from './places.geometry';
import * as repo from './places.repo';
import { createGridIndex, innermost } from './places.grid-index';

export interface PlacesServiceDeps {
  readonly db: Db;
  /** Modules that store place paths or refer to places. */
  readonly hooks: () => readonly PlaceHooks[];
}

export interface PlaceListQuery {
  readonly parentId?: string;
  readonly type?: PlaceType;
  readonly q?: string;
  readonly cursor?: string;
  readonly limit: number;
}

function auditView(place: Place) {
  return { name: place.name, code: place.code, type: place.type, parentId: place.parentId, path: place.path, sortOrder: place.sortOrder, hasBoundary: place.boundary !== null };
}

function validatedBoundary(type: PlaceType, boundary: GridBoundary | null | undefined) {
  if (boundary === undefined) return {};
  if (boundary === null) return { boundary: null, minLng: null, minLat: null, maxLng: null, maxLat: null };
  if (type !== 'grid') throw unprocessable('boundary_only_for_grids');
  const problem = boundaryProblem(boundary);
  if (problem) throw unprocessable('boundary_invalid', { reason: problem });
  return { boundary, ...boundingBox(boundary) };
}

function assertChildType(parentType: PlaceType, childType: PlaceType, locale: Actor['locale']) {
  if (!ALLOWED_CHILDREN[parentType].includes(childType)) {
    throw unprocessable('place_type_not_allowed', { parentType: PLACE_TYPE_LABELS[parentType][locale], childType: PLACE_TYPE_LABELS[childType][locale] });
  }
}

/** `/1/5/23/` → `/1/`, `/1/5/`, `/1/5/23/`. */
export function ancestorPaths(path: string): string[] {
  const keys = path.split('/').filter(Boolean);
  return keys.map((_, i) => `/${keys.slice(0, i + 1).join('/')}/`);
}

export function createPlacesService({ db, hooks }: PlacesServiceDeps) {
  async function assertCodeFree(tx: Db, code: string | null | undefined, selfId?: string) {
    if (!code) return;
    const existing = await repo.findByCode(tx, code);
    if (existing && existing.id !== selfId) throw conflict('place_code_taken', { code });
  }

  /** Each module's dependents, one after another on the transaction's connection. */
  async function dependentsOf(tx: Db, id: string) {
    const all = [];
    for (const hook of hooks()) all.push(await hook.dependents(tx, id));
    return all;
  }

  /** Record access: outside the read scope is 404 (an actor without `place.read` has an empty scope). */
  async function readable(actor: Actor, id: string): Promise<Place> {
    const place = await repo.findPlace(db, id);
    assertRecordAccess(actor, place?.path, 'place.read');
    return place!;
  }

  const gridIndex = createGridIndex(() => repo.allGridsWithBoundary(db));

  /** The innermost grid containing the point, within `scope` (null: anywhere, for system use). */
  async function gridAt(scope: Scope | null, lng: number, lat: number, tx: Db = db): Promise<Place | undefined> {
    if (scope === null && tx === db) return gridIndex.gridAt(lng, lat);
    const candidates = (await repo.gridsAround(tx, scope, lng, lat)).filter((g) => g.boundary && containsPoint(g.boundary, lng, lat));
    return innermost(candidates.map((place) => ({ place, area: roughArea(place.boundary!) })));
  }

  /** Runs a change of the tree, then drops the grid index (after the commit, so no reader keeps the old tree). */
  async function changingTree<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      gridIndex.forget();
    }
  }

  return {
    gridAt,

    /** For other modules: a place by id, with no access check (they check their own scope). */
    findById: (id: string, tx: Db = db) => repo.findPlace(tx, id),
    findByIds: (ids: readonly string[], tx: Db = db) => repo.findPlaces(tx, ids),
    /** Names by id (no access check), for labelling other modules' rows. */
    namesOf: (ids: readonly string[], tx: Db = db) => repo.placeNames(tx, ids),
    findByCode: (code: string, tx: Db = db) => repo.findByCode(tx, code),
    /** The place and its ancestors, root first (no access check). */
    lineage: async (place: Place, tx: Db = db) => (await repo.findPlacesByPaths(tx, ancestorPaths(place.path))).sort((a, b) => a.path.length - b.path.length),
    /** Paths of the grids at or under a path (no access check): where other modules' rows can land. */
    gridPathsUnder: (prefix: string, tx: Db = db) => repo.gridPathsUnder(tx, prefix),
    /** Every place of a type (no access check); for public pages such as the echo wall's community list. */
    allOfType: (type: PlaceType, tx: Db = db) => repo.listPlacesOfType(tx, type),

    get: readable,

    /**
     * For modules whose data scope is another permission (the residents register lists households by
     * `resident.read`): places of the tree within `scope`, paged like `list`.
     */
    async listInScope(scope: Scope, query: PlaceListQuery & { readonly under?: string }, tx: Db = db) {
      const after = decodeCursor(query.cursor, 3)?.map(Number) as [number, number, number] | undefined;
      const { rows, total } = await repo.listPlaces(tx, { scope, parentId: query.parentId, type: query.type, q: query.q, under: query.under, after, limit: query.limit });
      const page = pageFrom(rows, query.limit, (r) => [r.place.depth, r.place.sortOrder, r.seq]);
      return { items: page.items.map((r) => r.place), nextCursor: page.nextCursor, total };
    },

    /**
     * For modules that own a kind of place (the residents register owns households): create a child
     * place inside the caller's transaction. The caller has checked access and writes the audit row.
     */
    async createChildIn(tx: Db, parentId: string, input: { type: PlaceType; name: string; code?: string | null; sortOrder?: number }, locale: Actor['locale']): Promise<Place> {
      const parent = await repo.findPlace(tx, parentId);
      if (!parent) throw notFound();
      assertChildType(parent.type, input.type, locale);
      await assertCodeFree(tx, input.code);
      const seq = await repo.nextSeq(tx);
      const id = crypto.randomUUID();
      await repo.insertPlace(tx, { id, seq, parentId, type: input.type, name: input.name, code: input.code ?? null, path: `${parent.path}${seq}/`, depth: parent.depth + 1, sortOrder: input.sortOrder ?? 0 });
      return (await repo.findPlace(tx, id))!;
    },

    /** Rename (and re-code) a place inside the caller's transaction; access and audit are the caller's. */
    async renameIn(tx: Db, id: string, input: { name?: string; code?: string | null }): Promise<Place> {
      if (input.code !== undefined) await assertCodeFree(tx, input.code, id);
      await repo.updatePlace(tx, id, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.code !== undefined ? { code: input.code } : {}) });
      return (await repo.findPlace(tx, id))!;
    },

    /** Delete a leaf place inside the caller's transaction, with the same child and dependents checks as `remove`. */
    async removeLeafIn(tx: Db, id: string): Promise<void> {
      const children = await repo.countChildren(tx, id);
      if (children > 0) throw conflict('place_has_children', { count: children });
      const dependents = [];
      for (const hook of hooks()) dependents.push(...(await hook.dependents(tx, id)).filter((d) => d.count > 0));
      if (dependents.length > 0) throw new AppError(409, 'place_has_dependents', { what: dependents.map((d) => `${d.label} ${d.count}`).join('、') });
      await repo.deletePlace(tx, id);
    },

    /** The top places of the actor's scope: the roots of their tree. */
    async roots(actor: Actor): Promise<Place[]> {
      requirePermission(actor, 'place.read');
      const paths = scopeOf(actor, 'place.read').paths;
      // The system actor's scope is the whole forest ('/'), which is no place itself.
      return paths.includes('/') ? repo.findRootPlaces(db) : repo.findPlacesByPaths(db, paths);
    },

    async list(actor: Actor, query: PlaceListQuery) {
      requirePermission(actor, 'place.read');
      const scope = scopeOf(actor, 'place.read');
      if (query.parentId) {
        const parent = await repo.findPlace(db, query.parentId);
        // A parent above the actor's scope may still have children inside it (a grid worker's community).
        if (!parent || !scope.paths.some((p) => p.startsWith(parent.path) || parent.path.startsWith(p))) throw notFound();
      }
      const after = decodeCursor(query.cursor, 3)?.map(Number) as [number, number, number] | undefined;
      const { rows, total } = await repo.listPlaces(db, { scope, parentId: query.parentId, type: query.type, q: query.q, after, limit: query.limit });
      const page = pageFrom(rows, query.limit, (r) => [r.place.depth, r.place.sortOrder, r.seq]);
      return { items: page.items.map((r) => r.place), nextCursor: page.nextCursor, total };
    },

    async ancestors(actor: Actor, id: string): Promise<Place[]> {
      const place = await readable(actor, id);
      const seqs = place.path.split('/').filter(Boolean);
      const paths = seqs.map((_, i) => `/${seqs.slice(0, i + 1).join('/')}/`);
      const scope = scopeOf(actor, 'place.read');
      return repo.findPlacesByPaths(db, paths.filter((p) => inScope(scope, p)));
    },

    async create(actor: Actor, input: CreatePlace): Promise<Place> {
      // No up-front permission check: a parent outside the read scope must answer 404, not 403.
      return changingTree(() => db.transaction(async (tx) => {
        const parent = await repo.findPlace(tx, input.parentId);
        assertRecordAccess(actor, parent?.path, 'place.read', 'place.write');
        assertChildType(parent!.type, input.type, actor.locale);
        await assertCodeFree(tx, input.code);
        const seq = await repo.nextSeq(tx);
        const id = crypto.randomUUID();
        await repo.insertPlace(tx, {
          id,
          seq,
          parentId: parent!.id,
          type: input.type,
          name: input.name,
          code: input.code ?? null,
          path: `${parent!.path}${seq}/`,
          depth: parent!.depth + 1,
          sortOrder: input.sortOrder ?? 0,
          ...validatedBoundary(input.type, input.boundary),
        });
        const created = (await repo.findPlace(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), { action: 'place.create', entityType: 'place', entityId: id, after: auditView(created) });
        return created;
      }));
    },

    async update(actor: Actor, id: string, input: UpdatePlace): Promise<Place> {
      return changingTree(() => db.transaction(async (tx) => {
        const before = await repo.findPlace(tx, id);
        assertRecordAccess(actor, before?.path, 'place.read', 'place.write');
        const place = before!;
        if (input.code !== undefined) await assertCodeFree(tx, input.code, id);
        await repo.updatePlace(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
          ...validatedBoundary(place.type, input.boundary),
        });
        if (input.name !== undefined && input.name !== place.name) for (const hook of hooks()) await hook.renamed?.(tx, id);
        if (input.parentId !== undefined && input.parentId !== place.parentId) {
          if (place.parentId === null) throw unprocessable('place_root_immutable');
          const newParent = await repo.findPlace(tx, input.parentId);
          assertRecordAccess(actor, newParent?.path, 'place.read', 'place.write');
          if (newParent!.path.startsWith(place.path)) throw unprocessable('place_move_into_descendant');
          assertChildType(newParent!.type, place.type, actor.locale);
          const seq = place.path.split('/').filter(Boolean).pop()!;
          const newPath = `${newParent!.path}${seq}/`;
          for (const hook of hooks()) {
            const blocked = await hook.checkMove?.(tx, place.path, newPath);
            if (blocked) throw conflict('place_move_breaks_links', { what: `${blocked.label} ${blocked.count}` });
          }
          await repo.updatePlace(tx, id, { parentId: newParent!.id });
          await repo.rewriteSubtree(tx, place.path, newPath, newParent!.depth + 1 - place.depth);
          for (const hook of hooks()) await hook.rewritePaths(tx, place.path, newPath);
        }
        const after = (await repo.findPlace(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), {
          action: input.parentId !== undefined && input.parentId !== place.parentId ? 'place.move' : 'place.update',
          entityType: 'place',
          entityId: id,
          before: auditView(place),
          after: auditView(after),
        });
        return after;
      }));
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await changingTree(() => db.transaction(async (tx) => {
        const place = await repo.findPlace(tx, id);
        assertRecordAccess(actor, place?.path, 'place.read', 'place.write');
        if (place!.parentId === null) throw unprocessable('place_root_immutable');
        const children = await repo.countChildren(tx, id);
        if (children > 0) throw conflict('place_has_children', { count: children });
        const dependents = (await dependentsOf(tx, id)).flat().filter((d) => d.count > 0);
        if (dependents.length > 0) {
          throw new AppError(409, 'place_has_dependents', { what: dependents.map((d) => `${d.label} ${d.count}`).join('、') });
        }
        await repo.deletePlace(tx, id);
        await writeAudit(tx, auditContextOf(actor), { action: 'place.delete', entityType: 'place', entityId: id, before: auditView(place!) });
      }));
    },

    async locate(actor: Actor, lng: number, lat: number): Promise<Place> {
      requirePermission(actor, 'place.read');
      const grid = await gridAt(scopeOf(actor, 'place.read'), lng, lat);
      if (!grid) throw new AppError(404, 'no_grid_at_point');
      return grid;
    },

    async gridBoundaries(actor: Actor, id: string) {
      const place = await readable(actor, id);
      const grids = await repo.gridsWithBoundaryUnder(db, scopeOf(actor, 'place.read'), place.path);
      return {
        type: 'FeatureCollection' as const,
        features: grids.map((g) => ({
          type: 'Feature' as const,
          id: g.id,
          properties: { name: g.name, code: g.code, parentId: g.parentId },
          geometry: g.boundary!,
        })),
      };
    },
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;
