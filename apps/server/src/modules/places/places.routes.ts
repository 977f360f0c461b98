import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatePlace, GridBoundaryFeatureCollection, IdParams, LocateQuery, Ok, Place, PlaceListQuery, UpdatePlace, pageOf } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function placesRoutes(app: FastifyInstance, { places }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/places/roots', { schema: { operationId: 'listPlaceRoots', tags, summary: '我的管辖范围的顶层地点', response: { 200: z.array(Place) } } }, (req) =>
    places.roots(actorOf(req)),
  );

  r.get('/places/locate', { schema: { operationId: 'locateGrid', tags, summary: '查找包含某点的网格', querystring: LocateQuery, response: { 200: Place } } }, (req) =>
    places.locate(actorOf(req), req.query.lng, req.query.lat),
  );

  r.get('/places', { schema: { operationId: 'listPlaces', tags, summary: '地点列表（按管辖范围）', querystring: PlaceListQuery, response: { 200: pageOf(Place) } } }, (req) =>
    places.list(actorOf(req), req.query),
  );

  r.get('/places/:id', { schema: { operationId: 'getPlace', tags, params: IdParams, response: { 200: Place } } }, (req) => places.get(actorOf(req), req.params.id));

  r.get('/places/:id/ancestors', { schema: { operationId: 'listPlaceAncestors', tags, params: IdParams, response: { 200: z.array(Place) } } }, (req) =>
    places.ancestors(actorOf(req), req.params.id),
  );

  r.get(
    '/places/:id/grid-boundaries',
    { schema: { operationId: 'getGridBoundaries', tags, summary: '下级网格边界（GeoJSON）', params: IdParams, response: { 200: GridBoundaryFeatureCollection } } },
    async (req, reply) => {
      const collection = await places.gridBoundaries(actorOf(req), req.params.id);
      return reply.type('application/geo+json; charset=utf-8').send(collection);
    },
  );

  r.post('/places', { schema: { operationId: 'createPlace', tags, body: CreatePlace, response: { 201: Place } } }, async (req, reply) => {
    const place = await places.create(actorOf(req), req.body);
    return reply.status(201).send(place);
  });

  r.patch('/places/:id', { schema: { operationId: 'updatePlace', tags, params: IdParams, body: UpdatePlace, response: { 200: Place } } }, (req) =>
    places.update(actorOf(req), req.params.id, req.body),
  );

  r.delete('/places/:id', { schema: { operationId: 'deletePlace', tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await places.remove(actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
