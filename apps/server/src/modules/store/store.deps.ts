import type { Db } from '../../db/client';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import type { StoreLedger } from './store.ledger';

export interface StoreDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
  /** The points ledger (Services.points). */
  readonly points: StoreLedger;
}
