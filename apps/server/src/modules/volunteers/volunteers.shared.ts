import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access';
import { notFound, unprocessable } from '../../platform/errors';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';

/** The register entry of the signed-in person; 422 when their account is not linked to one. */
export async function ownResidentId(residents: ResidentsService, actor: Actor, tx: Db): Promise<string> {
  const id = await residents.residentIdOf(actor.userId, tx);
  if (!id) throw unprocessable('resident_no_account');
  return id;
}

/**
 * A `placeId` list filter: the place must overlap what the viewer may see (a place above it narrows to
 * the viewer's part, one below narrows further); anything else is 404, so existence is not revealed.
 */
export async function placeFilterPath(places: PlacesService, tx: Db, placeId: string, visiblePaths: readonly string[]): Promise<string> {
  const place = await places.findById(placeId, tx);
  if (!place || !visiblePaths.some((p) => p.startsWith(place.path) || place.path.startsWith(p))) throw notFound();
  return place.path;
}

/** LIKE pattern for a path prefix. */
export const under = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
