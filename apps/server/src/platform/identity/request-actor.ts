import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable while the session must first change its password or enrol TOTP. */
    allowRestricted?: boolean;
  }
}

/** The signed-in actor of a request; routes that are not public never see null here. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'unauthenticated');
  return request.actor;
}
