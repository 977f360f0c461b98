import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { badParameter, formatOfUrl, fromCode, notFound311, Open311Error, send, sendError, splitFormat, type Format } from './open311.http';
import { createOpen311Writes } from './open311.writes';
import { parseForm, type Fields } from './open311.intake';
import { hashKey } from './open311.keys';
import { createOpen311Reads } from './open311.reads';
import { definitionOf, servicesOf } from './open311.views';

/** The date of the last change to this API's behaviour (discovery's `changeset`). */
const CHANGESET = '2026-01-15T00:00:00+08:00';

type FileParams = { Params: { file: string } };

/** `name.json` / `name.xml`; any other extension or name is a 404, as the specification's clients expect. */
function fileOf(request: FastifyRequest<FileParams>, names?: readonly string[]): { name: string; format: Format } {
  const file = splitFormat(request.params.file);
  if (!file || (names && !names.includes(file.name))) throw notFound311('接口不存在', 'No such endpoint');
  return file;
}

function statusOf(error: AppError): Open311Error['status'] {
  if (error.status === 403 || error.status === 404 || error.status === 429) return error.status;
  return error.status >= 500 ? 500 : 400;
}

/** Public GeoReport v2 at /open311/v2: no session, no CSRF; only POST needs an api_key. */
export async function open311Routes(scope: FastifyInstance, services: Services, db: Db): Promise<void> {
  const reads = createOpen311Reads(services);
  const writes = createOpen311Writes(services, db);
  const offered = async () => servicesOf(await services.requests.listCategoriesPublic());

  // Form bodies only here: the rest of the API takes JSON and must keep refusing forms.
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(String(body))));

  scope.setNotFoundHandler((request, reply) => sendError(reply, formatOfUrl(request.url), notFound311('接口不存在', 'No such endpoint')));
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOfUrl(request.url);
    if (error instanceof Open311Error) return sendError(reply, format, error);
    if (error instanceof AppError) return sendError(reply, format, fromCode(statusOf(error), error.code, error.params));
    if (error.statusCode === 429) return sendError(reply, format, new Open311Error(429, '提交过于频繁，请稍后再试', 'Too many requests; retry later'));
    if (error.statusCode && error.statusCode < 500) return sendError(reply, format, badParameter('请求无法解析', `The request could not be parsed (${error.message})`));
    request.log.error({ err: error }, 'open311 request failed');
    return sendError(reply, format, new Open311Error(500, '服务器内部错误', 'Internal server error'));
  });

  const hide = { hide: true } as const;

  scope.get<FileParams>('/:file', { schema: hide }, async (request, reply) => {
    const { name, format } = fileOf(request, ['discovery', 'services', 'requests']);
    if (name === 'discovery') {
      const url = `${request.protocol}://${request.host}/open311/v2`;
      return send(reply, format, 'discovery', {
        changeset: CHANGESET,
        contact: '网格通平台的区级管理员 / The district administrator of this Gridwork platform',
        key_service: '向区级管理员申请 api_key（提交诉求时需要，查询不需要） / Ask the district administrator for an api_key (needed to submit, not to read)',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: CHANGESET, type: 'production', formats: ['application/json', 'text/xml'] }],
      });
    }
    if (name === 'services') return send(reply, format, 'services', await offered());
    return send(reply, format, 'service_requests', await reads.list(request.query as Record<string, unknown>));
  });

  scope.get<FileParams>('/services/:file', { schema: hide }, async (request, reply) => {
    const { name, format } = fileOf(request);
    if (!(await offered()).some((s) => s.service_code === name)) throw notFound311('未知的 service_code', `Unknown service_code: ${name}`);
    return send(reply, format, 'service_definition', definitionOf(name));
  });

  scope.get<FileParams>('/requests/:file', { schema: hide }, async (request, reply) => {
    const { name, format } = fileOf(request);
    const row = await reads.one(name);
    if (!row) throw notFound311('诉求不存在', `No such service request: ${name}`);
    return send(reply, format, 'service_requests', await reads.present([row]));
  });

  scope.get<FileParams>('/tokens/:file', { schema: hide }, async (request, reply) => {
    const { name, format } = fileOf(request);
    const row = /^[\w-]{8,100}$/.test(name) ? await services.requests.findByToken(name) : undefined;
    if (!row) throw notFound311('token 不存在', 'No such token');
    const [shown] = await reads.present([row]);
    return send(reply, format, 'service_requests', [{ service_request_id: shown!.service_request_id, token: name }]);
  });

  const fieldsOf = (request: FastifyRequest): Fields => {
    const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    const merged: Record<string, string> = {};
    // api_key may come in the query (as in the community's swagger) or in the form; the form wins.
    for (const source of [request.query as Record<string, unknown>, body]) for (const [k, v] of Object.entries(source)) if (typeof v === 'string' || typeof v === 'number') merged[k] = String(v);
    return merged;
  };

  scope.post<FileParams>(
    '/:file',
    {
      schema: hide,
      config: {
        // Per client key, counted after the body is parsed (the key is in it); unkeyed calls per address.
        rateLimit: {
          max: 60,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => {
            const key = fieldsOf(request).api_key;
            return key ? `open311:${hashKey(key)}` : `open311-ip:${request.ip}`;
          },
        },
      },
    },
    async (request, reply) => {
      const { format } = fileOf(request, ['requests']);
      const fields = fieldsOf(request);
      const token = crypto.randomBytes(18).toString('base64url');
      const created = await writes.create(fields, token, request.headers['idempotency-key'], await offered());
      return send(reply, format, 'service_requests', [created]);
    },
  );
}
