import type { FastifyReply } from 'fastify';
import { formatMessage, type ErrorCode } from '@gridwork/contracts';
import { xmlDocument, type XmlValue } from './open311.xml';

export type Format = 'json' | 'xml';

/** `services.json` → { name: 'services', format: 'json' }; anything but .json/.xml → null (a 404). */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = file.slice(dot + 1).toLowerCase();
  if (ext !== 'json' && ext !== 'xml') return null;
  return { name: file.slice(0, dot), format: ext };
}

/** The format an error should be written in: the URL's extension, JSON when it has none we know. */
export function formatOfUrl(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/**
 * An Open311 error. Clients show `description` to people, and the platform serves Chinese and
 * foreign clients alike, so it carries both languages ("中文 / English").
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 500,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }

  get description(): string {
    return `${this.zh} / ${this.en}`;
  }
}

export const badParameter = (zh: string, en: string) => new Open311Error(400, zh, en);
export const notFound311 = (zh = '未找到', en = 'Not found') => new Open311Error(404, zh, en);
export const fromCode = (status: Open311Error['status'], code: ErrorCode, params: Readonly<Record<string, string | number>> = {}) =>
  new Open311Error(status, formatMessage(code, 'zh-CN', params), formatMessage(code, 'en-US', params));

/** Sends a body as JSON or as an XML document with the given root element. */
export function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export function sendError(reply: FastifyReply, format: Format, error: Open311Error) {
  return send(reply, format, 'errors', [{ code: error.status, description: error.description }], error.status);
}
