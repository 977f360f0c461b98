import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';
import { currentTotp } from './totp';
import { identityChanged } from './identity.repo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const login = (username: string, password: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...extra } });

describe('login', () => {
  it('opens a server-side session in an httpOnly SameSite cookie and returns the CSRF token and the user', async () => {
    const response = await login('staff', 'Gridwork@2026');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'gw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = response.json();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.user.username).toBe('staff');
    expect(body.user.roles[0]).toMatchObject({ role: 'community_staff', placeType: 'community' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionCookieOf(response)! } });
    expect(me.json().username).toBe('staff');
    expect(me.json().permissions).toContain('place.write');
  });

  it('gives a new session id at every login', async () => {
    const a = sessionCookieOf(await login('gridA', 'Gridwork@2026'));
    const b = sessionCookieOf(await login('gridA', 'Gridwork@2026'));
    expect(a).not.toBe(b);
  });

  it('answers a wrong password and an unknown username the same way', async () => {
    const wrong = await login('staffB', 'nope');
    const unknown = await login('nobody-here', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('用户名或密码错误');
    expect(unknown.json()).toEqual({ ...wrong.json() });
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('locks a username for 15 minutes after 5 failures, known or unknown, even for the right password', async () => {
    for (const username of ['member', 'ghost-user']) {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push((await login(username, 'wrong-password')).statusCode);
      expect(answers).toEqual([401, 401, 401, 401, 423]);
      const locked = await login(username, 'Gridwork@2026');
      expect(locked.statusCode).toBe(423);
      expect(locked.json().detail).toContain('15 分钟');
    }
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.lockout'`);
    expect(row!.n).toBe(2);
  });

  it('lets the security admin unlock a locked account', async () => {
    const sec = await t.login('secadmin');
    const users = (await sec.get('/api/v1/users?q=member')).json();
    const member = users.items.find((u: { username: string }) => u.username === 'member');
    expect(member.locked).toBe(true);
    expect((await sec.post(`/api/v1/users/${member.id}/unlock`)).statusCode).toBe(200);
    expect((await login('member', 'Gridwork@2026')).statusCode).toBe(200);
  });

  it('rate-limits the login route', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});

describe('sessions', () => {
  it('requires the CSRF header on state-changing requests', async () => {
    const staff = await t.login('staff');
    const { communityA } = await t.demo();
    const noToken = await t.app.inject({ method: 'PATCH', url: `/api/v1/places/${communityA.id}`, headers: { cookie: staff.cookie! }, payload: { name: '改名' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_invalid');
    const wrongToken = await staff.patch(`/api/v1/places/${communityA.id}`, { name: '改名' }, { 'x-csrf-token': 'forged' });
    expect(wrongToken.statusCode).toBe(403);
    expect((await staff.get(`/api/v1/places/${communityA.id}`)).json().name).toBe(communityA.name);
  });

  it('ends the session at logout', async () => {
    const staff = await t.login('staff');
    expect((await staff.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await staff.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('expires a session idle for longer than the idle timeout, and one past its absolute lifetime', async () => {
    const idle = await t.login('gridB');
    const old = await t.login('gridB');
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = (SELECT token_hash FROM sessions ORDER BY created_at DESC OFFSET 1 LIMIT 1)`);
    await t.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = (SELECT token_hash FROM sessions ORDER BY created_at DESC LIMIT 1)`);
    // Written around the identity repository, as another process would: say so, as it must.
    identityChanged();
    expect((await idle.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await old.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('disabling an account ends all its sessions', async () => {
    const admin = await t.login('admin');
    const resident = await t.login('resident');
    expect((await resident.get('/api/v1/auth/me')).statusCode).toBe(200);
    const id = (await resident.get('/api/v1/auth/me')).json().id;
    expect((await admin.patch(`/api/v1/users/${id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await resident.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('resident', 'Gridwork@2026')).statusCode).toBe(401);
    await admin.patch(`/api/v1/users/${id}`, { disabled: false });
  });
});

describe('passwords', () => {
  it('a new account must change its one-time password before anything else, and other sessions end on change', async () => {
    const staff = await t.login('staff');
    const { gridA } = await t.demo();
    const created = await staff.post('/api/v1/users', { username: 'wangwu', displayName: '王五', role: 'grid_informant', placeId: gridA.id });
    expect(created.statusCode).toBe(201);
    const initial = created.json().initialPassword as string;
    const first = await t.login('wangwu', initial);
    const second = await t.login('wangwu', initial);
    expect((await first.get('/api/v1/auth/me')).json().restriction).toBe('change_password');
    const blocked = await first.get('/api/v1/places/roots');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    const weak = await first.post('/api/v1/auth/password', { currentPassword: initial, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().detail).toContain('至少 10 位');
    expect((await first.post('/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'Better-pass-2026' })).json().code).toBe('wrong_current_password');
    expect((await first.post('/api/v1/auth/password', { currentPassword: initial, newPassword: 'Better-pass-2026' })).statusCode).toBe(200);
    expect((await first.get('/api/v1/places/roots')).statusCode).toBe(200);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('wangwu', initial)).statusCode).toBe(401);
  });

  it('an admin reset gives a temporary password that must be changed', async () => {
    const admin = await t.login('admin');
    const target = (await admin.get('/api/v1/users?q=gridB')).json().items[0];
    const reset = await admin.post(`/api/v1/users/${target.id}/reset-password`);
    const temporary = reset.json().temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z0-9]{14}$/);
    expect((await login('gridB', 'Gridwork@2026')).statusCode).toBe(401);
    const session = await t.login('gridB', temporary);
    expect((await session.get('/api/v1/auth/me')).json().restriction).toBe('change_password');
  });
});

describe('second factor (TOTP)', () => {
  it('is required for a non-demo security admin: enrol first, then every login needs the code', async () => {
    const sec = await t.login('secadmin');
    const { district } = await t.demo();
    const created = await sec.post('/api/v1/users', { username: 'sec2', displayName: '安全员二', role: 'security_admin', placeId: district.id });
    expect(created.statusCode).toBe(201);
    // The system admin manages accounts but may not create separated-duty accounts.
    const sys = await t.login('sysadmin');
    expect((await sys.post('/api/v1/users', { username: 'aud2', displayName: '审计二', role: 'auditor', placeId: district.id })).statusCode).toBe(403);

    let session = await t.login('sec2', created.json().initialPassword);
    await session.post('/api/v1/auth/password', { currentPassword: created.json().initialPassword, newPassword: 'Sec-admin-2026' });
    session = await t.login('sec2', 'Sec-admin-2026');
    expect((await session.get('/api/v1/auth/me')).json().restriction).toBe('enrol_totp');
    expect((await session.get('/api/v1/users')).json().code).toBe('totp_enrolment_required');
    const { secret } = (await session.post('/api/v1/auth/totp/setup')).json();
    expect((await session.post('/api/v1/auth/totp/confirm', { code: '000000' === currentTotp(secret) ? '111111' : '000000' })).statusCode).toBe(400);
    expect((await session.post('/api/v1/auth/totp/confirm', { code: currentTotp(secret) })).statusCode).toBe(200);
    expect((await session.get('/api/v1/users')).statusCode).toBe(200);

    const withoutCode = await login('sec2', 'Sec-admin-2026');
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('totp_required');
    expect((await login('sec2', 'Sec-admin-2026', { totp: currentTotp(secret, Date.now() - 10 * 60_000) })).json().code).toBe('totp_invalid');
    expect((await login('sec2', 'Sec-admin-2026', { totp: currentTotp(secret) })).statusCode).toBe(200);
  });

  it('demo accounts skip the second factor', async () => {
    expect((await login('secadmin', 'Gridwork@2026')).json().user.restriction).toBeNull();
  });
});
