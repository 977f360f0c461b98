import { z } from 'zod';
import { Id } from './common';

export const DashboardQuery = z.object({ placeId: Id.optional() });

/** Counters contributed by every module's manifest, for one place subtree. */
export const DashboardCounters = z.object({
  placeId: Id,
  placeName: z.string(),
  counters: z.record(z.string(), z.number().int()),
});
export type DashboardCounters = z.infer<typeof DashboardCounters>;
