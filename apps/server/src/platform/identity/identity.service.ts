import crypto from 'node:crypto';
import {
  NewPassword,
  ROLES,
  ROLE_PERMISSIONS,
  TOTP_REQUIRED_ROLES,
  permissionsOf,
  type Permission,
  type Locale,
  type Me,
  type SessionRestriction,
} from '@gridwork/contracts';
import type { Db } from '../../db/client';
import type { Config } from '../config';
import type { DataCipher } from '../crypto';
import { auditContextOf, type Actor, type AuditContext, type RoleGrant } from '../access';
import { writeAudit } from '../audit/audit.service';
import { AppError, badRequest } from '../errors';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { checkTotp, newTotpSecret, totpUrl } from './totp';
import * as repo from './identity.repo';
import type { Place } from '@gridwork/contracts';

export interface RequestInfo {
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly locale: Locale;
}

export interface IdentityDeps {
  readonly db: Db;
  readonly config: Config;
  readonly cipher: DataCipher;
  readonly places: { findByIds(ids: readonly string[], tx?: Db): Promise<Place[]> };
  /**
   * Whether every change to sessions and accounts is heard right now (identity.watch.ts): this
   * process's own writes move the count, and other instances' arrive as notifications. Only then
   * are signed-in sessions kept in memory (for `config.sessionCacheMs` at most).
   */
  readonly sessionsHeard?: () => boolean;
}

const SESSION_CACHE_SIZE = 10_000;
type SessionWithUser = NonNullable<Awaited<ReturnType<typeof repo.findSessionWithUser>>>;

/** How many users' grants are kept in memory (the oldest entry makes room). */
const GRANT_CACHE_USERS = 10_000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

function restrictionOf(user: repo.UserRow, grants: readonly RoleGrant[]): SessionRestriction | null {
  if (user.mustChangePassword) return 'change_password';
  const needsTotp = !user.isDemo && grants.some((g) => TOTP_REQUIRED_ROLES.includes(g.role));
  if (needsTotp && !user.totpEnabled) return 'enrol_totp';
  return null;
}

export function createIdentityService({ db, config, cipher, places, sessionsHeard = () => false }: IdentityDeps) {
  // Compared against when the username is unknown, so both cases cost the same time.
  const dummyHash = hashPassword('gridwork-dummy-password', config.passwordCost);

  async function grantsOf(tx: Db, userId: string): Promise<RoleGrant[]> {
    const assignments = await repo.assignmentsOf(tx, [userId]);
    const placeById = new Map((await places.findByIds(assignments.map((a) => a.placeId), tx)).map((p) => [p.id, p]));
    return assignments.flatMap((a) => {
      const place = placeById.get(a.placeId);
      return place ? [{ assignmentId: a.id, role: a.role, placeId: place.id, placeName: place.name, placeType: place.type, placePath: place.path }] : [];
    });
  }

  // Every signed-in request would read its session and user: a round trip, and on the embedded
  // database a turn of its one backend, which all requests share. Read-only: callers must not
  // change them. `cached` says the copy may be up to sessionCacheMs old.
  const sessionCache = new Map<string, { readonly generation: number; readonly at: number; readonly found: SessionWithUser }>();
  async function sessionWithUser(tokenHash: string, fresh = false): Promise<{ found: SessionWithUser | undefined; cached: boolean }> {
    if (config.sessionCacheMs === 0 || !sessionsHeard()) return { found: await repo.findSessionWithUser(db, tokenHash), cached: false };
    const now = performance.now();
    const kept = sessionCache.get(tokenHash);
    if (!fresh && kept && kept.generation === repo.identityGeneration() && now - kept.at < config.sessionCacheMs) return { found: kept.found, cached: true };
    // Counted before the read: a write that lands while it runs leaves this copy already stale.
    const generation = repo.identityGeneration();
    const found = await repo.findSessionWithUser(db, tokenHash);
    sessionCache.delete(tokenHash);
    if (found) {
      if (sessionCache.size >= SESSION_CACHE_SIZE) sessionCache.delete(sessionCache.keys().next().value!);
      sessionCache.set(tokenHash, { generation, at: now, found });
    }
    return { found, cached: false };
  }

  // Grants of recently seen users, kept under the access version their row had when read. A role
  // change raises the version (trigger) in the same commit, so no instance uses a stale entry.
  const grantCache = new Map<string, { readonly version: number; readonly grants: readonly RoleGrant[] }>();
  async function currentGrants(user: repo.UserRow): Promise<readonly RoleGrant[]> {
    const kept = grantCache.get(user.id);
    if (kept?.version === user.accessVersion) return kept.grants;
    const grants = await grantsOf(db, user.id);
    grantCache.delete(user.id);
    if (grantCache.size >= GRANT_CACHE_USERS) grantCache.delete(grantCache.keys().next().value!);
    grantCache.set(user.id, { version: user.accessVersion, grants });
    return grants;
  }

  async function actorFor(tx: Db, user: repo.UserRow, info: RequestInfo, grants?: readonly RoleGrant[]): Promise<Actor> {
    grants ??= await grantsOf(tx, user.id);
    return {

      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      grants,
      permissions: permissionsOf(grants.map((g) => g.role)),
      restriction: restrictionOf(user, grants),
      totpEnabled: user.totpEnabled,
      locale: info.locale,
      ip: info.ip,
      userAgent: info.userAgent,
    };
  }

  const anonymous = (info: RequestInfo, username: string | null): AuditContext => ({ actorId: null, actorName: username, ip: info.ip, userAgent: info.userAgent });

  return {
    /**
     * People who hold `permission` over `path` (a grant at the place or above it), nearest first;
     * `exact` keeps only grants at exactly that place. For assigning work and notifying.
     */
    async holdersOf(path: string, permission: Permission, options: { exact?: boolean; tx?: Db } = {}) {
      const roles = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
      const rows = await repo.holdersCovering(options.tx ?? db, path, roles, options.exact);
      const placeById = new Map((await places.findByIds([...new Set(rows.map((r) => r.placeId))], options.tx ?? db)).map((p) => [p.id, p.name]));
      return rows.map((r) => ({ ...r, placeName: placeById.get(r.placeId) ?? '' }));
    },
    grantsOf,

    toMe(actor: Actor): Me {
      return {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        roles: actor.grants.map((g) => ({ id: g.assignmentId, role: g.role, placeId: g.placeId, placeName: g.placeName, placeType: g.placeType })),
        permissions: [...actor.permissions].sort(),
        totpEnabled: actor.totpEnabled,
        restriction: actor.restriction,
      };
    },

    /**
     * Checks the password (and second factor) and opens a new session. Unknown usernames are answered
     * exactly like known ones, including the lockout after repeated failures.
     */
    async login(input: { username: string; password: string; totp?: string }, info: RequestInfo) {
      const key = input.username.trim().toLowerCase();
      const now = new Date();
      const throttle = await repo.findThrottle(db, key);
      if (throttle?.lockedUntil && throttle.lockedUntil > now) {
        await writeAudit(db, anonymous(info, input.username), { action: 'auth.login-refused-locked', entityType: 'user', entityId: key });
        throw new AppError(423, 'account_locked', { minutes: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60000) });
      }
      const user = await repo.findUserByUsername(db, key);
      const passwordOk = user ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await dummyHash), false);

      const fail = async (code: 'invalid_credentials' | 'totp_invalid') => {
        const failures = await db.transaction(async (tx) => {
          const n = await repo.recordFailure(tx, key);
          await writeAudit(tx, anonymous(info, input.username), { action: 'auth.login-failed', entityType: 'user', entityId: user?.id ?? key, after: { reason: code } });
          if (n >= config.lockoutThreshold) {
            await repo.lockUsername(tx, key, new Date(now.getTime() + config.lockoutMinutes * 60000));
            await writeAudit(tx, anonymous(info, input.username), { action: 'auth.lockout', entityType: 'user', entityId: user?.id ?? key, after: { minutes: config.lockoutMinutes } });
          }
          return n;
        });
        if (failures >= config.lockoutThreshold) throw new AppError(423, 'account_locked', { minutes: config.lockoutMinutes });
        throw new AppError(401, code);
      };

      if (!user || !passwordOk || user.disabled) return fail('invalid_credentials');
      if (user.totpEnabled && !user.isDemo) {
        if (!input.totp) throw new AppError(401, 'totp_required');
        if (!user.totpSecret || !checkTotp(cipher.decrypt(user.totpSecret), input.totp)) return fail('totp_invalid');
      }

      const token = crypto.randomBytes(32).toString('base64url');
      const csrfToken = crypto.randomBytes(24).toString('base64url');
      return db.transaction(async (tx) => {
        await repo.clearThrottle(tx, key);
        await repo.insertSession(tx, {
          tokenHash: hashToken(token),
          userId: user.id,
          csrfToken,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000),
          ip: info.ip,
          userAgent: info.userAgent?.slice(0, 300) ?? null,
        });
        await repo.updateUser(tx, user.id, { lastLoginAt: now });
        const actor = await actorFor(tx, user, info);
        await writeAudit(tx, auditContextOf(actor), { action: 'auth.login', entityType: 'user', entityId: user.id });
        return { token, csrfToken, actor };
      });
    },

    /** The actor behind a session cookie, or null when the session is unknown, idle or expired. */
    async authenticate(token: string, info: RequestInfo): Promise<{ actor: Actor; csrfToken: string; tokenHash: string } | null> {
      const tokenHash = hashToken(token);
      const read = await sessionWithUser(tokenHash);
      let found = read.found;
      const now = new Date();
      const idleLimit = new Date(now.getTime() - config.sessionIdleMinutes * 60000);
      // Another instance may have touched the session since the copy was read: ask before ending it.
      if (read.cached && found && found.session.lastSeenAt <= idleLimit) found = (await sessionWithUser(tokenHash, true)).found;
      if (!found) return null;
      const { session, user } = found;
      if (session.expiresAt <= now || session.lastSeenAt <= idleLimit) {
        await repo.deleteSession(db, tokenHash);
        return null;
      }
      if (!user || user.disabled) {
        await repo.deleteSession(db, tokenHash);
        return null;
      }
      // Writing on every request would make reads into writes; a minute of slack is harmless.
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, tokenHash, now);
      return { actor: await actorFor(db, user, info, await currentGrants(user)), csrfToken: session.csrfToken, tokenHash };
    },

    async logout(actor: Actor, tokenHash: string): Promise<void> {
      await db.transaction(async (tx) => {
        await repo.deleteSession(tx, tokenHash);
        await writeAudit(tx, auditContextOf(actor), { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
      });
    },

    async changePassword(actor: Actor, tokenHash: string, currentPassword: string, newPassword: string): Promise<void> {
      const user = await repo.findUser(db, actor.userId);
      if (!user) throw new AppError(401, 'unauthenticated');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) throw badRequest('wrong_current_password');
      if (!NewPassword.safeParse(newPassword).success) throw badRequest('password_too_weak');
      if (currentPassword === newPassword) throw badRequest('password_reused');
      const passwordHash = await hashPassword(newPassword, config.passwordCost);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
        // Other sessions were opened with the old password: end them.
        await repo.deleteSessionsOf(tx, user.id, tokenHash);
        await writeAudit(tx, auditContextOf(actor), { action: 'auth.password-change', entityType: 'user', entityId: user.id });
      });
    },

    async startTotpEnrolment(actor: Actor) {
      const secret = newTotpSecret();
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, actor.userId, { totpSecret: cipher.encrypt(secret), totpEnabled: false });
        await writeAudit(tx, auditContextOf(actor), { action: 'auth.totp-setup', entityType: 'user', entityId: actor.userId });
      });
      return { secret, otpauthUrl: totpUrl(secret, actor.username) };
    },

    async confirmTotpEnrolment(actor: Actor, code: string): Promise<void> {
      const user = await repo.findUser(db, actor.userId);
      if (!user?.totpSecret || !checkTotp(cipher.decrypt(user.totpSecret), code)) throw badRequest('totp_invalid');
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { totpEnabled: true });
        await writeAudit(tx, auditContextOf(actor), { action: 'auth.totp-enabled', entityType: 'user', entityId: user.id });
      });
    },

    /** Creates an account with a hashed password (used by the accounts module and the seeds). */
    async createUserRecord(tx: Db, input: { username: string; displayName: string; phone?: string | null; password: string; mustChangePassword: boolean; isDemo?: boolean }) {
      return repo.insertUser(tx, {
        username: input.username,
        displayName: input.displayName,
        phone: input.phone ?? null,
        passwordHash: await hashPassword(input.password, config.passwordCost),
        mustChangePassword: input.mustChangePassword,
        isDemo: input.isDemo ?? false,
      });
    },

    async resetPasswordRecord(tx: Db, userId: string): Promise<string> {
      const temporary = generatePassword();
      await repo.updateUser(tx, userId, { passwordHash: await hashPassword(temporary, config.passwordCost), mustChangePassword: true, passwordChangedAt: new Date() });
      await repo.deleteSessionsOf(tx, userId);
      return temporary;
    },

    async endSessionsOf(tx: Db, userId: string): Promise<void> {
      await repo.deleteSessionsOf(tx, userId);
    },

    async unlockUsername(tx: Db, username: string): Promise<void> {
      await repo.clearThrottle(tx, username.toLowerCase());
    },

    async isLocked(username: string, tx: Db = db): Promise<boolean> {
      const t = await repo.findThrottle(tx, username.toLowerCase());
      return !!t?.lockedUntil && t.lockedUntil > new Date();
    },

    async sweepSessions(): Promise<void> {
      const now = new Date();
      await repo.deleteExpiredSessions(db, new Date(now.getTime() - config.sessionIdleMinutes * 60000), now);
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
