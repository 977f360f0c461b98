import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AssignRole, CreateUser, CreateUserResponse, IdParams, Ok, ResetPasswordResponse, RoleAssignmentParams, UpdateUser, UserListQuery, UserView, pageOf } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function accountsRoutes(app: FastifyInstance, { accounts }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.get('/users', { schema: { operationId: 'listUsers', tags, summary: '账号列表（按管辖范围）', querystring: UserListQuery, response: { 200: pageOf(UserView) } } }, (req) =>
    accounts.list(actorOf(req), req.query),
  );
  r.post('/users', { schema: { operationId: 'createUser', tags, summary: '新建账号', body: CreateUser, response: { 201: CreateUserResponse } } }, async (req, reply) =>
    reply.status(201).send(await accounts.create(actorOf(req), req.body)),
  );
  r.get('/users/:id', { schema: { operationId: 'getUser', tags, params: IdParams, response: { 200: UserView } } }, (req) => accounts.get(actorOf(req), req.params.id));
  r.patch('/users/:id', { schema: { operationId: 'updateUser', tags, summary: '修改账号、停用/启用', params: IdParams, body: UpdateUser, response: { 200: UserView } } }, (req) =>
    accounts.update(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/users/:id/reset-password',
    { schema: { operationId: 'resetUserPassword', tags, summary: '重置密码', params: IdParams, response: { 200: ResetPasswordResponse } } },
    (req) => accounts.resetPassword(actorOf(req), req.params.id),
  );
  r.post('/users/:id/unlock', { schema: { operationId: 'unlockUser', tags, summary: '解除登录锁定', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await accounts.unlock(actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.post('/users/:id/roles', { schema: { operationId: 'assignRole', tags, summary: '分配角色', params: IdParams, body: AssignRole, response: { 200: UserView } } }, (req) =>
    accounts.assignRole(actorOf(req), req.params.id, req.body.role, req.body.placeId),
  );
  r.delete(
    '/users/:id/roles/:assignmentId',
    { schema: { operationId: 'revokeRole', tags, summary: '移除角色', params: RoleAssignmentParams, response: { 200: UserView } } },
    (req) => accounts.revokeRole(actorOf(req), req.params.id, req.params.assignmentId),
  );
}
