import { z } from 'zod';
import type { CreateVisit, Visit, VisitListQuery } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, unprocessable } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import * as repo from './residents.repo';
import type { ResidentsService } from './residents.service';
import { toVisit } from './residents.views';

export interface VisitsDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
}

/** A little slack for clocks of phones in the field. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** The visit log (走访记录): what was seen and the needs found, which a later module turns into service requests. */
export function createVisitsService({ db, places, residents }: VisitsDeps) {
  return {
    async list(actor: Actor, query: z.output<typeof VisitListQuery>) {
      requirePermission(actor, 'resident.read');
      let pathPrefix: string | undefined;
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        assertRecordAccess(actor, place?.path, 'resident.read');
        pathPrefix = place!.path;
      }
      if (query.residentId) {
        const resident = await residents.readable(actor, query.residentId);
        residents.assertMayOpen(actor, resident);
      }
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const { rows, total } = await repo.listVisits(db, { scope: scopeOf(actor, 'resident.read'), residentId: query.residentId, pathPrefix, after, limit: query.limit });
      const page = pageFrom(rows, query.limit, (r) => [r.visitedKey, r.id]);
      return { items: page.items.map(toVisit), nextCursor: page.nextCursor, total };
    },

    async create(actor: Actor, residentId: string, input: z.output<typeof CreateVisit>): Promise<Visit> {
      return db.transaction(async (tx) => {
        const resident = await residents.readable(actor, residentId, tx);
        assertRecordAccess(actor, resident.placePath, 'resident.read', 'visit.write');
        if (resident.status === 'anonymised') throw conflict('resident_anonymised');
        const visitedAt = new Date(input.visitedAt);
        if (visitedAt.getTime() > Date.now() + FUTURE_SLACK_MS) throw unprocessable('visit_in_future');
        const id = await repo.insertVisit(tx, {
          residentId,
          placePath: resident.placePath,
          visitedAt,
          method: input.method,
          visitorId: actor.userId,
          visitorName: actor.displayName,
          observations: input.observations,
          needsFound: input.needsFound ?? null,
        });
        const visit = (await repo.findVisit(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), { action: 'visit.create', entityType: 'visit', entityId: id, after: { residentId, visitedAt: visit.visitedAt.toISOString(), method: visit.method, hasNeeds: visit.needsFound !== null } });
        return toVisit(visit);
      });
    },
  };
}

export type VisitsService = ReturnType<typeof createVisitsService>;
