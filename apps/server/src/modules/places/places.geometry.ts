import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import kinks from '@turf/kinks';
import { polygon as turfPolygon, point as turfPoint } from '@turf/helpers';
import type { GridBoundary } from '@gridwork/contracts';

type Position = [number, number, ...number[]];

function polygonsOf(boundary: GridBoundary): Position[][][] {
  return boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
}

/** Why a boundary is not a usable polygon, or null when it is. */
export function boundaryProblem(boundary: GridBoundary): string | null {
  for (const rings of polygonsOf(boundary)) {
    for (const ring of rings) {
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) return '多边形的首尾坐标必须相同（闭合）';
      const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
      if (distinct.size < 3) return '多边形至少需要 3 个不同的顶点';
    }
    const crossings = kinks(turfPolygon(rings)).features.length;
    if (crossings > 0) return `多边形的边有 ${crossings} 处自相交`;
  }
  return null;
}

export interface BoundingBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export function boundingBox(boundary: GridBoundary): BoundingBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const rings of polygonsOf(boundary))
    for (const ring of rings)
      for (const [lng, lat] of ring) {
        box.minLng = Math.min(box.minLng, lng);
        box.maxLng = Math.max(box.maxLng, lng);
        box.minLat = Math.min(box.minLat, lat);
        box.maxLat = Math.max(box.maxLat, lat);
      }
  return box;
}

export function containsPoint(boundary: GridBoundary, lng: number, lat: number): boolean {
  const point = turfPoint([lng, lat]);
  return polygonsOf(boundary).some((rings) => booleanPointInPolygon(point, turfPolygon(rings)));
}

/** Area in squared degrees: only used to pick the smallest of nested grids containing a point. */
export function roughArea(boundary: GridBoundary): number {
  const b = boundingBox(boundary);
  return (b.maxLng - b.minLng) * (b.maxLat - b.minLat);
}
