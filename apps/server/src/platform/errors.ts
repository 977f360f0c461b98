import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { formatMessage, type ErrorCode, type Locale, type Problem } from '@gridwork/contracts';
import { localeOf } from './i18n';
import { describeIssue, fieldPath, type ValidationIssue } from './validation-messages';

type Params = Readonly<Record<string, string | number>>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Params = {},
    readonly fieldErrors?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const badRequest = (code: ErrorCode, params?: Params) => new AppError(400, code, params);
export const unprocessable = (code: ErrorCode, params?: Params) => new AppError(422, code, params);
export const conflict = (code: ErrorCode, params?: Params) => new AppError(409, code, params);

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemOf(status: number, code: ErrorCode, locale: Locale, params: Params = {}, errors?: Problem['errors']): Problem {
  return {
    type: `https://gridwork.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail: formatMessage(code, locale, params),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, params: Params = {}, errors?: Problem['errors']) {
  const problem = { ...problemOf(status, code, localeOf(request), params, errors), instance: request.url.split('?')[0] };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(problem);
}

interface PgError {
  code?: string;
  constraint?: string;
}

function isPgError(error: unknown): error is PgError {
  return typeof error === 'object' && error !== null && typeof (error as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((error as PgError).code ?? '');
}

/** Drizzle wraps driver errors; the PostgreSQL error is in `cause`. */
export function pgErrorOf(error: unknown): PgError | undefined {
  if (isPgError(error)) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return isPgError(cause) ? cause : undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = localeOf(request);
    if (error instanceof AppError) {
      return sendProblem(reply, request, error.status, error.code, error.params, error.fieldErrors?.map((e) => ({ ...e })));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as unknown as ValidationIssue[];
      const errors = issues.map((issue) => {
        const path = fieldPath(error.validationContext, issue.instancePath);
        return { path, message: `${path}: ${describeIssue(issue, locale)}` };
      });
      const summary = errors.map((e) => e.message).join('；');
      const problem = problemOf(400, 'validation_failed', locale, {}, errors);
      return reply
        .status(400)
        .type('application/problem+json; charset=utf-8')
        .send({ ...problem, detail: `${problem.detail}：${summary}`, instance: request.url.split('?')[0] });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, request, 400, 'malformed_json');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, request, 415, 'unsupported_media_type');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, request, 413, 'payload_too_large');
    }
    if (error.statusCode === 429) return sendProblem(reply, request, 429, 'rate_limited');
    if (error instanceof SyntaxError && error.statusCode === 400) return sendProblem(reply, request, 400, 'malformed_json');
    const pg = pgErrorOf(error);
    if (pg?.code === '23505') return sendProblem(reply, request, 409, 'conflict');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, error.statusCode, error.statusCode === 404 ? 'route_not_found' : 'validation_failed');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 500, 'internal_error');
  });
}
