import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntry, AuditListQuery, AuditVerifyResult, pageOf } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { requirePermission } from '../access';
import { actorOf } from '../identity/request-actor';
import { listAudit, verifyAuditChain } from './audit.service';

/** Read-only: there is no route that changes the audit log. */
export function auditRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get('/audit', { schema: { operationId: 'listAuditLog', tags, summary: '审计日志', querystring: AuditListQuery, response: { 200: pageOf(AuditEntry) } } }, async (req) => {
    requirePermission(actorOf(req), 'audit.read');
    return listAudit(db, req.query);
  });
  r.get('/audit/verify', { schema: { operationId: 'verifyAuditLog', tags, summary: '校验审计日志哈希链', response: { 200: AuditVerifyResult } } }, async (req) => {
    requirePermission(actorOf(req), 'audit.read');
    return verifyAuditChain(db);
  });
}
