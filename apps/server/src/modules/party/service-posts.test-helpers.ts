import { expect } from 'vitest';
import type { Client, TestApp } from '../../../../../test-support/harness';
import { partyMembers } from './party-members.tables';

let seq = 0;

/** A fresh resident account with no register entry, signed in with its own password. */
export async function freshAccount(t: TestApp, staff: Client, placeId: string, displayName: string): Promise<{ client: Client; userId: string }> {
  const username = `party${process.pid % 1000}x${Date.now() % 100000}x${seq++}`;
  const response = await staff.post('/api/v1/users', { username, displayName, role: 'resident', placeId });
  expect(response.statusCode, response.body).toBe(201);
  const { initialPassword, user } = response.json<{ initialPassword: string; user: { id: string } }>();
  const first = await t.login(username, initialPassword);
  const password = 'Gridwork2026new';
  expect((await first.post('/api/v1/auth/password', { currentPassword: initialPassword, newPassword: password })).statusCode).toBe(200);
  return { client: await t.login(username, password), userId: user.id };
}

/** A party member with their own (resident) account in grid A, recorded in the given place (a grid or community). */
export async function freshMember(t: TestApp, staff: Client, place: { id: string; path: string }, name: string, employer: string | null = null): Promise<{ client: Client; memberId: string; userId: string }> {
  const { client, userId } = await freshAccount(t, staff, (await t.demo()).gridA.id, name);
  const [row] = await t.database.db
    .insert(partyMembers)
    .values({ placeId: place.id, placePath: place.path, userId, name, status: 'full', type: employer ? 'in_service' : 'resident', employer, homeOrgName: employer ? `${employer}机关党委` : null })
    .returning({ id: partyMembers.id });
  return { client, memberId: row!.id, userId };
}

export const daysFromToday = (days: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
