import { z } from 'zod';
import { Id, Name } from './common';

export const PLACE_TYPES = ['district', 'subdistrict', 'community', 'grid', 'building', 'household'] as const;
export const PlaceType = z.enum(PLACE_TYPES);
export type PlaceType = z.infer<typeof PlaceType>;

/** Which child types each place type may hold; grids nest. */
export const ALLOWED_CHILDREN: Readonly<Record<PlaceType, readonly PlaceType[]>> = {
  district: ['subdistrict'],
  subdistrict: ['community'],
  community: ['grid'],
  grid: ['grid', 'building'],
  building: ['household'],
  household: [],
};

const Longitude = z.number().min(-180).max(180);
const Latitude = z.number().min(-90).max(90);
export const Position = z.tuple([Longitude, Latitude]).rest(z.number());
export const LinearRing = z.array(Position).min(4).max(5000);

export const GeoPolygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1).max(50),
});
export const GeoMultiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1).max(50)).min(1).max(50),
});
export const GridBoundary = z.discriminatedUnion('type', [GeoPolygon, GeoMultiPolygon]);
export type GridBoundary = z.infer<typeof GridBoundary>;

export const PlaceCode = z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z-]+$/);

export const Place = z.object({
  id: Id,
  parentId: Id.nullable(),
  type: PlaceType,
  name: z.string(),
  code: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  sortOrder: z.number().int(),
  boundary: GridBoundary.nullable(),
  childCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Place = z.infer<typeof Place>;

export const PlaceListQuery = z.object({
  parentId: Id.optional(),
  type: PlaceType.optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const CreatePlace = z.strictObject({
  parentId: Id,
  type: PlaceType,
  name: Name(100),
  code: PlaceCode.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  boundary: GridBoundary.optional(),
});
export type CreatePlace = z.infer<typeof CreatePlace>;

export const UpdatePlace = z.strictObject({
  name: Name(100).optional(),
  code: PlaceCode.nullable().optional(),
  parentId: Id.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  boundary: GridBoundary.nullable().optional(),
});
export type UpdatePlace = z.infer<typeof UpdatePlace>;

export const LocateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

export const GridBoundaryFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: Id,
      properties: z.object({ name: z.string(), code: z.string().nullable(), parentId: Id.nullable() }),
      geometry: GridBoundary,
    }),
  ),
});
