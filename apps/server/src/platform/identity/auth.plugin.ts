import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { localeOf } from '../i18n';
import { sendProblem } from '../errors';
import type { IdentityService } from './identity.service';
import './request-actor';

export const SESSION_COOKIE = 'gw_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Loads the session's actor, enforces sign-in, CSRF on state-changing requests, and the
 * change-password / enrol-TOTP restriction. Register inside the /api/v1 scope.
 */
export function registerAuthentication(app: FastifyInstance, identity: IdentityService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionTokenHash', null);

  app.addHook('preHandler', async (request, reply) => {
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    const info = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, locale: localeOf(request) };
    const session = token ? await identity.authenticate(token, info) : null;
    if (session) {
      request.actor = session.actor;
      request.sessionTokenHash = session.tokenHash;
    }
    if (config.public) return;
    if (!session) return sendProblem(reply, request, 401, 'unauthenticated');
    if (STATE_CHANGING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) return sendProblem(reply, request, 403, 'csrf_invalid');
    }
    const restriction = session.actor.restriction;
    if (restriction && !config.allowRestricted) {
      return sendProblem(reply, request, 403, restriction === 'change_password' ? 'password_change_required' : 'totp_enrolment_required');
    }
  });
}

export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: maxAgeSeconds };
}

export { localeOf };
