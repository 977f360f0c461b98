import { describe, expect, it } from 'vitest';
import { permissionsOf, type Permission } from '@gridwork/contracts';
import { createDataCipher } from './crypto';
import { inScope, scopeOf, type Actor } from './access';
import { decodeCursor, encodeCursor, pageFrom } from './pagination';
import { generatePassword, hashPassword, verifyPassword } from './identity/passwords';
import { checkTotp, currentTotp, newTotpSecret } from './identity/totp';
import { describeIssue } from './validation-messages';
import { tuneHeapGrowth } from './heap';
import { chinaDay } from './china-time';
import { loadConfig } from './config';

describe('passwords (scrypt)', () => {
  it('verifies the right password only, with a salt per hash', async () => {
    const a = await hashPassword('Gridwork@2026', 12);
    const b = await hashPassword('Gridwork@2026', 12);
    expect(a).toMatch(/^scrypt\$12\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Gridwork@2026', a)).toBe(true);
    expect(await verifyPassword('gridwork@2026', a)).toBe(false);
    expect(await verifyPassword('Gridwork@2026', 'md5$abc')).toBe(false);
  });

  it('generates one-time passwords that meet the policy', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(14);
      expect(p).toMatch(/[A-Za-z]/);
      expect(p).toMatch(/\d/);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });
});

describe('TOTP (RFC 6238)', () => {
  it('accepts the current code and its neighbours, not older ones', () => {
    const secret = newTotpSecret();
    const now = Date.now();
    expect(checkTotp(secret, currentTotp(secret, now))).toBe(true);
    expect(checkTotp(secret, currentTotp(secret, now - 30_000))).toBe(true);
    expect(checkTotp(secret, currentTotp(secret, now - 5 * 60_000))).toBe(false);
  });
});

describe('data cipher (AES-256-GCM)', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips and never repeats a ciphertext', () => {
    const cipher = createDataCipher(key, 'aes');
    const a = cipher.encrypt('340406199001011234');
    expect(a).not.toContain('340406');
    expect(a).not.toBe(cipher.encrypt('340406199001011234'));
    expect(cipher.decrypt(a)).toBe('340406199001011234');
  });
  it('detects tampering and a wrong key', () => {
    const cipher = createDataCipher(key, 'aes');
    const a = cipher.encrypt('secret');
    const flipped = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(flipped)).toThrow();
    expect(() => createDataCipher(Buffer.alloc(32, 8), 'aes').decrypt(a)).toThrow();
  });
  it('decrypts lists on a worker thread in order, keeping nulls, for either suite', async () => {
    const aes = createDataCipher(key, 'aes');
    const sm = createDataCipher(key, 'sm');
    const plain = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? null : `1380000${String(i).padStart(4, '0')}`));
    // Written under both suites: a deployment that switched keeps reading its older values.
    const sealed = plain.map((p, i) => (p === null ? null : (i % 2 ? sm : aes).encrypt(p)));
    expect(await aes.decryptMany(sealed)).toEqual(plain);
    expect(await sm.decryptMany(sealed.slice(0, 10))).toEqual(plain.slice(0, 10));
  });
  it('fails a list with a tampered value instead of answering part of it', async () => {
    const cipher = createDataCipher(key, 'aes');
    const sealed = Array.from({ length: 100 }, (_, i) => cipher.encrypt(`value ${i}`));
    sealed[50] = sealed[50]!.slice(0, -2) + (sealed[50]!.endsWith('A') ? 'BB' : 'AA');
    await expect(cipher.decryptMany(sealed)).rejects.toThrow();
    // The worker is still there for the next list.
    expect(await cipher.decryptMany(sealed.slice(0, 50).concat(sealed.slice(51)))).toEqual(Array.from({ length: 100 }, (_, i) => `value ${i}`).filter((_, i) => i !== 50));
  });
});

describe('data scope', () => {
  const actor = (grants: Array<[Actor['grants'][number]['role'], string]>): Actor => ({
    userId: 'u',
    username: 'u',
    displayName: 'u',
    grants: grants.map(([role, placePath], i) => ({ assignmentId: String(i), role, placeId: String(i), placeName: '', placeType: 'grid', placePath })),
    permissions: permissionsOf(grants.map(([r]) => r)),
    restriction: null,
    totpEnabled: false,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  });

  it('is the union of the subtrees of the places where a role grants the permission', () => {
    const a = actor([['grid_worker', '/1/2/3/10/'], ['community_staff', '/1/2/4/']]);
    const write: Permission = 'place.write';
    expect(scopeOf(a, 'place.read').paths).toEqual(['/1/2/4/', '/1/2/3/10/']);
    expect(scopeOf(a, write).paths).toEqual(['/1/2/4/']);
    expect(inScope(scopeOf(a, 'place.read'), '/1/2/3/10/55/')).toBe(true);
    expect(inScope(scopeOf(a, 'place.read'), '/1/2/3/11/')).toBe(false);
    // A sibling whose key merely starts with the same digits is outside.
    expect(inScope(scopeOf(a, 'place.read'), '/1/2/3/100/')).toBe(false);
  });

  it('drops nested places already covered', () => {
    expect(scopeOf(actor([['grid_worker', '/1/2/'], ['grid_worker', '/1/2/9/']]), 'place.read').paths).toEqual(['/1/2/']);
  });
});

describe('cursor pagination', () => {
  it('round-trips keys and refuses forged cursors', () => {
    expect(decodeCursor(encodeCursor([3, 'a']), 2)).toEqual([3, 'a']);
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow();
    expect(() => decodeCursor(encodeCursor([1]), 2)).toThrow();
  });
  it('returns a next cursor only when there is more', () => {
    expect(pageFrom([1, 2, 3], 2, (n) => [n]).nextCursor).toBe(encodeCursor([2]));
    expect(pageFrom([1, 2], 2, (n) => [n]).nextCursor).toBeNull();
  });
});

describe('validation messages', () => {
  it('speaks Chinese by default and English on request', () => {
    const issue = { keyword: 'too_big', instancePath: '/name', params: { origin: 'string', maximum: 100 } };
    expect(describeIssue(issue, 'zh-CN')).toBe('长度不能超过 100 个字符');
    expect(describeIssue(issue, 'en-US')).toBe('must have at most 100 characters');
    expect(describeIssue({ keyword: 'unrecognized_keys', instancePath: '', params: { keys: ['bogus'] } }, 'zh-CN')).toBe('包含不允许的字段：bogus');
    expect(describeIssue({ keyword: 'custom', instancePath: '/newPassword', message: 'password_too_weak', params: {} }, 'zh-CN')).toContain('至少 10 位');
  });
});

describe('configuration', () => {
  it('opens 20 connections to PostgreSQL unless GRIDWORK_DB_POOL_SIZE says otherwise, and refuses a size below 1 or not a number', () => {
    expect(loadConfig({}).dbPoolSize).toBe(20);
    expect(loadConfig({ GRIDWORK_DB_POOL_SIZE: '6' }).dbPoolSize).toBe(6);
    expect(() => loadConfig({ GRIDWORK_DB_POOL_SIZE: '0' })).toThrow('GRIDWORK_DB_POOL_SIZE must be at least 1');
    expect(() => loadConfig({ GRIDWORK_DB_POOL_SIZE: 'many' })).toThrow('GRIDWORK_DB_POOL_SIZE must be a non-negative integer');
  });
});

describe('days in China', () => {
  it('gives the Beijing calendar day as the time-zone database does, at and around midnight, in summer-time years too', () => {
    const zone = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const instants = [Date.UTC(1988, 5, 1, 15, 30), Date.UTC(1991, 11, 31, 16), Date.UTC(1992, 0, 1, 0), Date.UTC(2026, 11, 31, 15, 59, 59, 999), Date.UTC(2026, 11, 31, 16)];
    for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2060, 0, 1); t += 7_919_000_123) instants.push(t);
    for (const t of instants) expect(chinaDay(new Date(t)), new Date(t).toISOString()).toBe(zone.format(new Date(t)));
    expect(chinaDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('heap growth setting', () => {
  it('defaults to 50 %, takes 0 for V8 own and refuses nonsense', () => {
    expect(tuneHeapGrowth({})).toBe(50);
    expect(tuneHeapGrowth({ GRIDWORK_HEAP_GROWING_PERCENT: '0' })).toBe(0);
    expect(tuneHeapGrowth({ GRIDWORK_HEAP_GROWING_PERCENT: '120' })).toBe(120);
    expect(() => tuneHeapGrowth({ GRIDWORK_HEAP_GROWING_PERCENT: 'lots' })).toThrow(/GRIDWORK_HEAP_GROWING_PERCENT/);
    expect(() => tuneHeapGrowth({ GRIDWORK_HEAP_GROWING_PERCENT: '-5' })).toThrow(/GRIDWORK_HEAP_GROWING_PERCENT/);
  });
});
