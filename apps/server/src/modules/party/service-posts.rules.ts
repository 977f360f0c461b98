import type { ServiceHours } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import type { PlacesService } from '../places/places.service';
import type { servicePostHours } from './service-posts.tables';




/** Hours are counted in half-hour steps, more than 0 and at most a day. */
export const validHours = (hours: number) => Number.isFinite(hours) && hours > 0 && hours <= 24 && Number.isInteger(hours * 2);

/** LIKE pattern for a path prefix. */
export const under = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A place id used as a list filter: it must overlap what the viewer may see (a place above narrows to
 * the viewer's part, one below narrows further); anything else is 404, so existence is not revealed.
 */
export async function placeFilterPath(places: PlacesService, tx: Db, placeId: string, visiblePaths: readonly string[]): Promise<string> {
  const place = await places.findById(placeId, tx);
  if (!place || !visiblePaths.some((p) => p.startsWith(place.path) || place.path.startsWith(p))) throw notFound();
  return place.path;
}

/** One hours row as the API shows it. */
export const hoursView = (h: typeof servicePostHours.$inferSelect): ServiceHours => ({
  id: h.id,
  claimId: h.claimId,
  servedOn: h.servedOn,
  hours: h.hours,
  note: h.note,
  status: h.status,
  rejectReason: h.rejectReason,
  points: h.points,
  decidedAt: h.decidedAt?.toISOString() ?? null,
  createdAt: h.createdAt.toISOString(),
});
