import { GridBoundary as GridBoundarySchema } from '@gridwork/contracts';
import type { GridBoundary } from '../../api/types';

export type BoundaryParse = { ok: true; value: GridBoundary | null } | { ok: false; reason: 'json' | 'shape' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read a grid boundary typed or pasted as GeoJSON text: a Polygon or MultiPolygon geometry,
 * or a Feature (or a one-feature FeatureCollection) holding one. Empty text means "none".
 */
export function parseBoundary(text: string | undefined | null): BoundaryParse {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { ok: true, value: null };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (isRecord(data) && data.type === 'FeatureCollection' && Array.isArray(data.features) && data.features.length === 1) {
    data = data.features[0];
  }
  if (isRecord(data) && data.type === 'Feature') data = data.geometry;
  const parsed = GridBoundarySchema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'shape' };
}

export function formatBoundary(boundary: GridBoundary | null | undefined): string {
  return boundary ? JSON.stringify(boundary, null, 2) : '';
}
