import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import type { Database } from './db/client';
import type { Config } from './platform/config';
import type { DataCipher } from './platform/crypto';
import { registerErrorHandling, sendProblem } from './platform/errors';
import { registerMetrics } from './platform/metrics';
import { registerAuthentication } from './platform/identity/auth.plugin';
import { authRoutes } from './platform/identity/auth.routes';
import { identityChanged } from './platform/identity/identity.repo';
import { SOLE_WRITER, watchIdentityChanges } from './platform/identity/identity.watch';
import { auditRoutes } from './platform/audit/audit.routes';
import { MODULES } from './modules';
import { open311Routes } from './modules/open311';
import { IMPORT_MAX_BYTES } from './modules/residents/residents.excel';
import { createResidentsExcelService } from './modules/residents/residents.import';
import { createRequestsExport } from './modules/requests/requests.export';
import { dashboardRoutes } from './dashboard.routes';
import { createServices, type Services } from './services';
import { createLiveHub, createLiveOutbox, type LiveHub } from './platform/live';
import { notificationsRoutes } from './platform/notifications.routes';

export interface AppDeps {
  readonly database: Database;
  readonly config: Config;
  readonly cipher: DataCipher;
  readonly logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    live: LiveHub;
  }
}

/** The composition root, used by `main.ts` and by every API test. */
export async function buildApp({ database, config, cipher, logger = false }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.GRIDWORK_TRUST_PROXY === '1',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const outbox = createLiveOutbox(database.db, (err) => app.log.warn({ err }, 'live update not sent'));
  // The embedded database has one writer, this process; on PostgreSQL other instances' changes are listened for.
  const identityWatch = database.kind === 'pglite' ? SOLE_WRITER : watchIdentityChanges(database, identityChanged, (err) => app.log.warn({ err }, 'not listening for session changes'));
  const services = createServices({ db: database.db, config, cipher, live: outbox, sessionsHeard: identityWatch.trusted });
  app.decorate('services', services);
  const live = createLiveHub(database);
  app.decorate('live', live);
  app.addHook('onClose', async () => {
    await identityWatch.close();
    await outbox.close();
    await live.close();
  });
  app.decorate('residentsExcel', createResidentsExcelService({ db: database.db, cipher, places: services.places }));
  app.decorate('requestsExport', createRequestsExport({ db: database.db, requests: services.requests }));

  await app.register(cookie);
  // Uploads (the residents register import): one file, refused beyond the limit with import_too_large.
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 12 } });
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, context) => ({ statusCode: 429, code: 'rate_limited', message: `retry in ${context.after}` }) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Gridwork 网格通 API', version: '1.0.0', description: '党建引领社区治理一体化平台接口。错误以 RFC 9457 application/problem+json 返回。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gw_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerMetrics(app, { sessionChangesHeard: identityWatch.trusted });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await database.db.execute(sql`SELECT 1`);
      return { status: 'ready', database: database.kind };
    } catch {
      return sendProblem(reply, request, 503, 'service_unavailable');
    }
  });

  await app.register(
    async (api) => {
      registerAuthentication(api, services.identity);
      authRoutes(api, services.identity, config, database.db);
      auditRoutes(api, database.db);
      notificationsRoutes(api, services.notifications);
      for (const module of MODULES) await module.routes(api, services);
      dashboardRoutes(api, services, database.db, MODULES);
    },
    { prefix: '/api/v1' },
  );
  await app.register((scope) => open311Routes(scope, services, database.db), { prefix: '/open311/v2' });

  registerWeb(app, config.webDistDir);
  return app;
}

/** Serves the built web pages; unknown page paths fall back to the single-page apps. */
function registerWeb(app: FastifyInstance, distDir: string): void {
  const adminIndex = path.join(distDir, 'index.html');
  if (!fs.existsSync(adminIndex)) {
    app.setNotFoundHandler((request, reply) => sendProblem(reply, request, 404, 'route_not_found'));
    return;
  }
  void app.register(fastifyStatic, { root: distDir, index: false, wildcard: false, serve: true, prefix: '/' });
  const isApi = (url: string) => /^\/(api|open311|metrics|healthz|readyz)(\/|$|\?)/.test(url);
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || isApi(request.url)) return sendProblem(reply, request, 404, 'route_not_found');
    const file = path.join(distDir, decodeURIComponent(request.url.split('?')[0]!));
    if (file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(distDir, file));
    return reply.type('text/html; charset=utf-8').sendFile(request.url.startsWith('/h5') ? 'h5/index.html' : 'index.html');
  });
}
