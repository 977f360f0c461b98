import {
  ROLE_LABELS,
  ROLE_PLACE_TYPES,
  PLACE_TYPE_LABELS,
  SEPARATED_DUTY_ROLES,
  type CreateUser,
  type Role,
  type UserView,
} from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { generatePassword } from '../../platform/identity/passwords';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { IdentityService } from '../../platform/identity/identity.service';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';

export interface AccountsDeps {
  readonly db: Db;
  readonly identity: IdentityService;
  readonly places: PlacesService;
}

export interface UserListQuery {
  readonly q?: string;
  readonly role?: Role;
  readonly placeId?: string;
  readonly cursor?: string;
  readonly limit: number;
}

const isSeparated = (role: Role) => SEPARATED_DUTY_ROLES.includes(role);

export function createAccountsService({ db, identity, places }: AccountsDeps) {
  async function view(tx: Db, user: identityRepo.UserRow): Promise<UserView> {
    const grants = await identity.grantsOf(tx, user.id);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      phone: user.phone,
      disabled: user.disabled,
      locked: await identity.isLocked(user.username, tx),
      totpEnabled: user.totpEnabled,
      mustChangePassword: user.mustChangePassword,
      roles: grants.map((g) => ({ id: g.assignmentId, role: g.role, placeId: g.placeId, placeName: g.placeName, placeType: g.placeType })),
      createdAt: user.createdAt.toISOString(),
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    };
  }

  const auditable = (u: UserView) => ({ username: u.username, displayName: u.displayName, disabled: u.disabled, roles: u.roles.map((r) => `${r.role}@${r.placeId}`) });

  /**
   * A user the actor may see: one of their roles lies inside the actor's `user.read` scope, otherwise 404
   * (also for an actor without `user.read`); visible but outside the scope of `permission` is 403.
   */
  async function visibleUser(tx: Db, actor: Actor, id: string, permission: 'user.read' | 'user.write' | 'user.unlock' = 'user.read') {
    const user = await identityRepo.findUser(tx, id);
    if (!user) throw notFound();
    const assignments = await identityRepo.assignmentsOf(tx, [id]);
    const readScope = scopeOf(actor, 'user.read');
    if (!assignments.some((a) => inScope(readScope, a.placePath))) throw notFound();
    if (permission !== 'user.read') {
      const scope = scopeOf(actor, permission);
      if (!assignments.some((a) => inScope(scope, a.placePath))) throw forbidden();
    }
    return { user, assignments };
  }

  /** Checks that the actor may grant `role` at `placeId`, and that the grant is sound. */
  async function checkGrant(tx: Db, actor: Actor, role: Role, placeId: string) {
    const permission = isSeparated(role) ? 'role.assign-separated' : 'role.assign';
    requirePermission(actor, permission);
    const place = await places.findById(placeId, tx);
    if (!place || !inScope(scopeOf(actor, 'place.read'), place.path) && !inScope(scopeOf(actor, permission), place.path)) throw notFound();
    if (!inScope(scopeOf(actor, permission), place.path)) throw new AppError(403, 'role_outside_scope');
    if (!ROLE_PLACE_TYPES[role].includes(place.type)) {
      throw unprocessable('role_place_mismatch', { role: ROLE_LABELS[role][actor.locale], placeType: PLACE_TYPE_LABELS[place.type][actor.locale] });
    }
    return place;
  }

  return {
    async list(actor: Actor, query: UserListQuery) {
      requirePermission(actor, 'user.read');
      const scope = scopeOf(actor, 'user.read');
      let placePath: string | undefined;
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        if (!place || !inScope(scopeOf(actor, 'place.read'), place.path) && !inScope(scope, place.path)) throw notFound();
        placePath = place.path;
      }
      const after = decodeCursor(query.cursor, 1);
      const { rows, total } = await identityRepo.listUsers(db, { scope, q: query.q, role: query.role, placePath, afterUsername: after ? String(after[0]) : undefined, limit: query.limit });
      const page = pageFrom(rows, query.limit, (u) => [u.username]);
      return { items: await Promise.all(page.items.map((u) => view(db, u))), nextCursor: page.nextCursor, total };
    },

    async get(actor: Actor, id: string) {
      const { user } = await visibleUser(db, actor, id);
      return view(db, user);
    },

    async create(actor: Actor, input: CreateUser) {
      return db.transaction(async (tx) => {
        const place = await checkGrant(tx, actor, input.role, input.placeId);
        if (await identityRepo.findUserByUsername(tx, input.username)) throw conflict('username_taken', { username: input.username });
        const initialPassword = generatePassword();
        const user = await identity.createUserRecord(tx, { username: input.username, displayName: input.displayName, phone: input.phone ?? null, password: initialPassword, mustChangePassword: true });
        await identityRepo.insertAssignment(tx, { userId: user.id, role: input.role, placeId: place.id, placePath: place.path });
        const created = await view(tx, user);
        await writeAudit(tx, auditContextOf(actor), { action: 'user.create', entityType: 'user', entityId: user.id, after: auditable(created) });
        await writeAudit(tx, auditContextOf(actor), { action: 'role.assign', entityType: 'user', entityId: user.id, after: { role: input.role, placeId: place.id } });
        return { user: created, initialPassword };
      });
    },

    async update(actor: Actor, id: string, input: { displayName?: string; phone?: string | null; disabled?: boolean }) {
      return db.transaction(async (tx) => {
        const { user } = await visibleUser(tx, actor, id, 'user.write');
        if (input.disabled !== undefined && id === actor.userId) throw unprocessable('cannot_change_self');
        const before = await view(tx, user);
        await identityRepo.updateUser(tx, id, {
          ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        });
        if (input.disabled) await identity.endSessionsOf(tx, id);
        const after = await view(tx, (await identityRepo.findUser(tx, id))!);
        const action = input.disabled === true && !user.disabled ? 'user.disable' : input.disabled === false && user.disabled ? 'user.enable' : 'user.update';
        await writeAudit(tx, auditContextOf(actor), { action, entityType: 'user', entityId: id, before: { ...auditable(before), phone: before.phone }, after: { ...auditable(after), phone: after.phone } });
        return after;
      });
    },

    async resetPassword(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        await visibleUser(tx, actor, id, 'user.write');
        if (id === actor.userId) throw unprocessable('cannot_change_self');
        const temporaryPassword = await identity.resetPasswordRecord(tx, id);
        await writeAudit(tx, auditContextOf(actor), { action: 'user.reset-password', entityType: 'user', entityId: id });
        return { temporaryPassword };
      });
    },

    async unlock(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const { user } = await visibleUser(tx, actor, id, 'user.unlock');
        await identity.unlockUsername(tx, user.username);
        await writeAudit(tx, auditContextOf(actor), { action: 'user.unlock', entityType: 'user', entityId: id });
      });
    },

    async assignRole(actor: Actor, id: string, role: Role, placeId: string) {
      return db.transaction(async (tx) => {
        const { user, assignments } = await visibleUser(tx, actor, id);
        if (id === actor.userId) throw unprocessable('cannot_change_self');
        const place = await checkGrant(tx, actor, role, placeId);
        if (assignments.some((a) => a.role === role && a.placeId === placeId)) throw conflict('role_already_assigned');
        // 三员分立: a system admin, security admin or auditor account holds that one duty and nothing else.
        if (isSeparated(role) ? assignments.some((a) => a.role !== role) : assignments.some((a) => isSeparated(a.role))) throw conflict('separated_duties');
        await identityRepo.insertAssignment(tx, { userId: id, role, placeId, placePath: place.path });
        await writeAudit(tx, auditContextOf(actor), { action: 'role.assign', entityType: 'user', entityId: id, after: { role, placeId, placeName: place.name } });
        return view(tx, user);
      });
    },

    async revokeRole(actor: Actor, id: string, assignmentId: string) {
      return db.transaction(async (tx) => {
        const { user, assignments } = await visibleUser(tx, actor, id);
        if (id === actor.userId) throw unprocessable('cannot_change_self');
        const assignment = assignments.find((a) => a.id === assignmentId);
        if (!assignment) throw notFound();
        await checkGrant(tx, actor, assignment.role, assignment.placeId);
        if (assignments.length === 1) throw conflict('last_role');
        await identityRepo.deleteAssignment(tx, assignmentId);
        await writeAudit(tx, auditContextOf(actor), { action: 'role.revoke', entityType: 'user', entityId: id, before: { role: assignment.role, placeId: assignment.placeId } });
        return view(tx, user);
      });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
