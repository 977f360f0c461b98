import { checkDigitOf } from '@gridwork/contracts';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../../../../test-support/harness';

const HOUR = 3_600_000;

/** An event body: starts `startInHours` from now, lasts `hours`; sign-up open now until it ends. */
export function eventBody(placeId: string, startInHours: number, hours: number, extra: Record<string, unknown> = {}) {
  const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + startInHours * HOUR);
  const endsAt = new Date(startsAt.getTime() + hours * HOUR);
  return { title: '楼道清理志愿服务', type: 'volunteer_service', colour: 'green', placeId, address: '3号楼门口', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: 10, signupClosesAt: endsAt.toISOString(), pointsPerHour: 10, ...extra };
}

export function created<T>(response: { statusCode: number; body: string; json: <U>() => U }): T {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

export function ok<T>(response: { statusCode: number; body: string; json: <U>() => U }): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

let seq = 100;
/** A fresh adult in the register (no account), in a fresh household of the given building. */
export async function newResident(staff: Client, buildingId: string, name: string): Promise<string> {
  const household = created<{ id: string }>(await staff.post('/api/v1/households', { buildingId, name: `${name}家` })).id;
  const base = `34040619850202${String(seq++).padStart(3, '0')}`;
  return created<{ id: string }>(await staff.post('/api/v1/residents', { householdId: household, name, idNumber: `${base}${checkDigitOf(base)}` })).id;
}

/** A resident account with no register entry: signs in, changes the initial password, signs in again. */
export async function accountWithoutRecord(t: TestApp, staff: Client, placeId: string): Promise<Client> {
  const username = `norecord${Date.now() % 100000}`;
  const { initialPassword } = created<{ initialPassword: string }>(await staff.post('/api/v1/users', { username, displayName: '未登记居民', role: 'resident', placeId }));
  const first = await t.login(username, initialPassword);
  const password = 'Gridwork2026new';
  expect((await first.post('/api/v1/auth/password', { currentPassword: initialPassword, newPassword: password })).statusCode).toBe(200);
  return t.login(username, password);
}
