import type { Place } from '@gridwork/contracts';
import { boundingBox, containsPoint, roughArea } from './places.geometry';

/** How long the grids are kept before they are read again (edits on other instances show within this). */
export const GRID_INDEX_TTL_MS = 10_000;

interface IndexedGrid {
  readonly place: Place;
  readonly box: ReturnType<typeof boundingBox>;
  readonly area: number;
}

/** Of the grids containing a point, the innermost (deepest, then smallest). */
export function innermost<T extends { readonly place: Place; readonly area: number }>(candidates: readonly T[]): Place | undefined {
  return [...candidates].sort((a, b) => b.place.depth - a.place.depth || a.area - b.area)[0]?.place;
}

const indexed = (place: Place): IndexedGrid => ({ place, box: boundingBox(place.boundary!), area: roughArea(place.boundary!) });

/**
 * The grids that have a boundary, in memory, for placing a point in its grid: every intake with a
 * location asks, and the tree changes rarely. The places service forgets them whenever it changes
 * the tree, so this instance sees its own edits at once; other instances within GRID_INDEX_TTL_MS,
 * as with request categories.
 */
export function createGridIndex(load: () => Promise<Place[]>, ttlMs = GRID_INDEX_TTL_MS) {
  let kept: { readonly at: number; readonly grids: readonly IndexedGrid[] } | null = null;
  let loading: Promise<readonly IndexedGrid[]> | null = null;
  let generation = 0;

  function grids(): Promise<readonly IndexedGrid[]> {
    if (kept && Date.now() - kept.at < ttlMs) return Promise.resolve(kept.grids);
    if (!loading) {
      const started = generation;
      const load$ = load()
        .then((places) => {
          const grids = places.filter((p) => p.boundary).map(indexed);
          // A load that began before the tree changed must not be kept.
          if (started === generation) kept = { at: Date.now(), grids };
          return grids;
        })
        .finally(() => {
          if (loading === load$) loading = null;
        });
      loading = load$;
    }
    return loading;
  }

  return {
    async gridAt(lng: number, lat: number): Promise<Place | undefined> {
      const candidates = (await grids()).filter(
        (g) => g.box.minLng <= lng && lng <= g.box.maxLng && g.box.minLat <= lat && lat <= g.box.maxLat && containsPoint(g.place.boundary!, lng, lat),
      );
      return innermost(candidates);
    },
    forget() {
      generation++;
      kept = null;
      loading = null;
    },
  };
}
