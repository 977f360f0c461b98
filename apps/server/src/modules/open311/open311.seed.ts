import type { DemoSeedContext } from '../../platform/module';
import { DEMO_OPEN311_KEY, DEMO_OPEN311_KEY_NAME, insertKey } from './open311.keys';

/** A client key for the whole district, so a demo install can be tried with any Open311 client. */
export async function seedDemoOpen311(context: DemoSeedContext): Promise<void> {
  const [district] = await context.services.places.allOfType('district', context.db);
  if (!district) return;
  await insertKey(context.db, { name: DEMO_OPEN311_KEY_NAME, key: DEMO_OPEN311_KEY, placeId: district.id });
}
