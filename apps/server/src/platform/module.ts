import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import type { Services } from '../services';
import type { Job } from './jobs/scheduler';

/** Something that still refers to a place and so blocks deleting it. */
export interface PlaceDependent {
  readonly label: string;
  readonly count: number;
}

/**
 * What a module that stores place paths must do when places move or are deleted. The places module
 * calls these hooks in the same transaction as the move or delete.
 */
export interface PlaceHooks {
  /** Rewrite stored paths from `oldPrefix` to `newPrefix` after a subtree moved. */
  rewritePaths(tx: Db, oldPrefix: string, newPrefix: string): Promise<void>;
  /** Why moving the subtree would break this module's own rules, or null when it may move. */
  checkMove?(tx: Db, oldPrefix: string, newPrefix: string): Promise<PlaceDependent | null>;
  /** Count what refers to exactly this place. */
  dependents(tx: Db, placeId: string): Promise<PlaceDependent[]>;
  /** The place's name changed (for copies of it kept elsewhere). */
  renamed?(tx: Db, placeId: string): Promise<void>;
}

export interface DemoSeedContext {
  readonly db: Db;
  readonly services: Services;
  readonly size: 'small' | 'full';
}

/** A module manifest (after Decidim's component manifests): everything a module contributes. */
export interface ModuleManifest {
  readonly name: string;
  /** Registered under /api/v1. */
  routes(app: FastifyInstance, services: Services): Promise<void> | void;
  /** Demo data, run in manifest order on first start of a demo install. */
  seedDemo?(context: DemoSeedContext): Promise<void>;
  /** Dashboard counters for a place subtree. */
  counters?(db: Db, placePath: string): Promise<Record<string, number>>;
  /** Scheduled jobs (deadlines, expiries, rollups), run under advisory locks. */
  jobs?(services: Services): readonly Job[];
}
