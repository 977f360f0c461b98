import { useMemo } from 'react';
import { Empty } from 'antd';
import type { GridBoundary, GridBoundaryFeatureCollection } from '../../../api/types';
import { useI18n } from '../../../i18n';

/** Distinct, print-friendly colours; one per grid, cycling when there are more grids. */
const PALETTE = ['#c8102e', '#1677ff', '#13a8a8', '#fa8c16', '#722ed1', '#52c41a', '#eb2f96', '#2f54eb', '#a0d911', '#faad14'];
const WIDTH = 800;
const MAX_HEIGHT = 500;
const MIN_HEIGHT = 220;
const PAD = 28;

type Ring = readonly (readonly number[])[];
type Polygon = readonly Ring[];

function polygonsOf(geometry: GridBoundary): readonly Polygon[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed area and centroid of a closed ring (shoelace formula). */
function ringCentroid(ring: readonly (readonly [number, number])[]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    if (!p || !q) continue;
    const cross = p[0] * q[1] - q[0] * p[1];
    a += cross;
    cx += (p[0] + q[0]) * cross;
    cy += (p[1] + q[1]) * cross;
  }
  a /= 2;
  if (Math.abs(a) < 1e-9) {
    // Degenerate ring: fall back to the average of its points.
    const n = ring.length || 1;
    return { area: 0, x: ring.reduce((s, p) => s + p[0], 0) / n, y: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: Math.abs(a), x: cx / (6 * a), y: cy / (6 * a) };
}

interface DrawnFeature {
  id: string;
  name: string;
  code: string | null;
  color: string;
  d: string;
  label: { x: number; y: number };
}

function layout(collection: GridBoundaryFeatureCollection): { height: number; features: DrawnFeature[] } | null {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const f of collection.features) {
    for (const polygon of polygonsOf(f.geometry)) {
      for (const ring of polygon) {
        for (const [lng, lat] of ring) {
          if (lng === undefined || lat === undefined) continue;
          minLng = Math.min(minLng, lng);
          maxLng = Math.max(maxLng, lng);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
      }
    }
  }
  if (!Number.isFinite(minLng) || !Number.isFinite(minLat)) return null;

  // Equirectangular projection, corrected for latitude so that shapes are not stretched.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (MAX_HEIGHT - 2 * PAD) / spanY);
  const height = Math.max(MIN_HEIGHT, spanY * scale + 2 * PAD);
  const ox = (WIDTH - spanX * scale) / 2;
  const oy = (height - spanY * scale) / 2;
  const project = (lng: number, lat: number): [number, number] => [ox + (lng - minLng) * k * scale, oy + (maxLat - lat) * scale];

  const features = collection.features.map((f, index): DrawnFeature => {
    let d = '';
    let best = { area: -1, x: WIDTH / 2, y: height / 2 };
    for (const polygon of polygonsOf(f.geometry)) {
      // Label at the centroid of the largest polygon, its holes taken out.
      let area = 0;
      let sx = 0;
      let sy = 0;
      polygon.forEach((ring, ringIndex) => {
        const points = ring
          .filter((pos) => pos[0] !== undefined && pos[1] !== undefined)
          .map((pos) => project(pos[0] ?? 0, pos[1] ?? 0));
        if (points.length === 0) return;
        d += points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('') + 'Z';
        const c = ringCentroid(points);
        const sign = ringIndex === 0 ? 1 : -1;
        area += sign * c.area;
        sx += sign * c.area * c.x;
        sy += sign * c.area * c.y;
        if (ringIndex === 0 && c.area === 0 && best.area < 0) best = { area: 0, x: c.x, y: c.y };
      });
      if (area > 0 && area > best.area) best = { area, x: sx / area, y: sy / area };
    }
    return {
      id: f.id,
      name: f.properties.name,
      code: f.properties.code,
      color: PALETTE[index % PALETTE.length] ?? '#c8102e',
      d,
      label: { x: best.x, y: best.y },
    };
  });
  return { height, features };
}

export interface GridBoundaryMapProps {
  collection: GridBoundaryFeatureCollection;
  selectedId?: string | null;
  onSelect?: (id: string) => void;
}

/**
 * Grid boundaries drawn as plain SVG, fitted to their bounding box: no map tiles, no
 * library, works offline. One colour per grid, its name at its centroid; the selected
 * grid is drawn on top with a heavier outline.
 */
export function GridBoundaryMap({ collection, selectedId, onSelect }: GridBoundaryMapProps) {
  const { t } = useI18n();
  const drawn = useMemo(() => layout(collection), [collection]);
  if (!drawn || drawn.features.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('places.noBoundaries')} data-testid="grid-map-empty" />;
  }
  const ordered = [...drawn.features].sort((a, b) => Number(a.id === selectedId) - Number(b.id === selectedId));
  return (
    <div data-testid="grid-map">
      <svg
        className="gw-map"
        viewBox={`0 0 ${WIDTH} ${drawn.height.toFixed(0)}`}
        role="img"
        aria-label={t('places.mapLabel', { count: drawn.features.length })}
      >
        {ordered.map((f) => {
          const selected = f.id === selectedId;
          return (
            <path
              key={f.id}
              d={f.d}
              className="gw-map-feature"
              data-feature-id={f.id}
              data-selected={selected ? 'true' : undefined}
              fill={f.color}
              fillOpacity={selected ? 0.45 : 0.18}
              fillRule="evenodd"
              stroke={f.color}
              strokeWidth={selected ? 3.5 : 1.5}
              strokeLinejoin="round"
              onClick={() => onSelect?.(f.id)}
            >
              <title>{f.code ? `${f.name} (${f.code})` : f.name}</title>
            </path>
          );
        })}
        {ordered.map((f) => (
          <text
            key={`label-${f.id}`}
            x={f.label.x}
            y={f.label.y}
            className="gw-map-label"
            textAnchor="middle"
            dominantBaseline="middle"
            style={f.id === selectedId ? { fontSize: 21 } : undefined}
          >
            {f.name}
          </text>
        ))}
      </svg>
      <div className="gw-map-legend">
        {drawn.features.map((f) => (
          <button
            type="button"
            key={f.id}
            className={f.id === selectedId ? 'gw-map-legend-item is-selected' : 'gw-map-legend-item'}
            onClick={() => onSelect?.(f.id)}
          >
            <span className="gw-map-swatch" style={{ background: f.color }} />
            {f.name}
          </button>
        ))}
      </div>
    </div>
  );
}
