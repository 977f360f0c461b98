import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangePasswordBody, CsrfResponse, LoginBody, LoginResponse, Me, Ok, TotpConfirmBody, TotpSetupResponse } from '@gridwork/contracts';
import type { Config } from '../config';
import { localeOf } from '../i18n';
import { actorOf } from './request-actor';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin';
import type { IdentityService } from './identity.service';
import * as repo from './identity.repo';
import type { Db } from '../../db/client';

export function authRoutes(app: FastifyInstance, identity: IdentityService, config: Config, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { operationId: 'login', tags, summary: '登录', body: LoginBody, response: { 200: LoginResponse } },
    },
    async (req, reply) => {
      const { token, csrfToken, actor } = await identity.login(req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, locale: localeOf(req) });
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config.secureCookies, config.sessionAbsoluteHours * 3600));
      return { csrfToken, user: identity.toMe(actor) };
    },
  );

  r.post('/auth/logout', { config: { allowRestricted: true }, schema: { operationId: 'logout', tags, summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
    await identity.logout(actorOf(req), req.sessionTokenHash!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/auth/me', { config: { allowRestricted: true }, schema: { operationId: 'getMe', tags, summary: '当前用户', response: { 200: Me } } }, (req) =>
    identity.toMe(actorOf(req)),
  );

  r.get('/auth/csrf', { config: { allowRestricted: true }, schema: { operationId: 'getCsrfToken', tags, response: { 200: CsrfResponse } } }, async (req) => {
    const session = await repo.findSession(db, req.sessionTokenHash!);
    return { csrfToken: session!.csrfToken };
  });

  r.post(
    '/auth/password',
    {
      config: { allowRestricted: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { operationId: 'changePassword', tags, summary: '修改密码', body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      await identity.changePassword(actorOf(req), req.sessionTokenHash!, req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  r.post('/auth/totp/setup', { config: { allowRestricted: true }, schema: { operationId: 'startTotpEnrolment', tags, response: { 200: TotpSetupResponse } } }, (req) =>
    identity.startTotpEnrolment(actorOf(req)),
  );

  r.post(
    '/auth/totp/confirm',
    { config: { allowRestricted: true }, schema: { operationId: 'confirmTotpEnrolment', tags, body: TotpConfirmBody, response: { 200: Ok } } },
    async (req) => {
      await identity.confirmTotpEnrolment(actorOf(req), req.body.code);
      return { ok: true as const };
    },
  );
}
