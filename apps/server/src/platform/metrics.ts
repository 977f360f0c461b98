import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics on a registry of this app instance (tests build many apps in one process). */
export function registerMetrics(app: FastifyInstance, { sessionChangesHeard }: { sessionChangesHeard: () => boolean }): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gridwork_' });
  new Gauge({
    name: 'gridwork_session_changes_heard',
    help: '1 while this instance hears every change to sessions and accounts, and so keeps checked sessions in memory',
    registers: [registry],
    collect() {
      this.set(sessionChangesHeard() ? 1 : 0);
    },
  });
  const duration = new Histogram({
    name: 'gridwork_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
