import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { MemberType } from '@gridwork/contracts';
import type { Client, TestApp } from '../../../../../test-support/harness';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

let seq = 0;

export function created<T>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

export function ok<T>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

/** The party org of a type serving a place (the seed makes one branch per grid, one committee per community). */
export async function orgAt(t: TestApp, placeId: string, type: 'community_committee' | 'branch'): Promise<{ id: string; placeId: string; placePath: string }> {
  const [org] = await t.database.db.select({ id: partyOrgs.id, placeId: partyOrgs.placeId, placePath: partyOrgs.placePath }).from(partyOrgs).where(and(eq(partyOrgs.placeId, placeId), eq(partyOrgs.type, type)));
  return org!;
}

/** A member row of an org; with `login`, also a party_member account of its own, signed in. */
export async function learningMember(
  t: TestApp,
  staff: Client,
  org: { id: string; placeId: string; placePath: string },
  name: string,
  options: { login?: boolean; type?: MemberType } = {},
): Promise<{ memberId: string; client: Client | null }> {
  let userId: string | null = null;
  let client: Client | null = null;
  if (options.login) {
    const username = `learn${process.pid % 1000}x${Date.now() % 100000}x${seq++}`;
    const response = await staff.post('/api/v1/users', { username, displayName: name, role: 'party_member', placeId: org.placeId });
    expect(response.statusCode, response.body).toBe(201);
    const account = response.json<{ initialPassword: string; user: { id: string } }>();
    const first = await t.login(username, account.initialPassword);
    expect((await first.post('/api/v1/auth/password', { currentPassword: account.initialPassword, newPassword: 'Gridwork2026new' })).statusCode).toBe(200);
    client = await t.login(username, 'Gridwork2026new');
    userId = account.user.id;
  }
  const [row] = await t.database.db
    .insert(partyMembers)
    .values({ orgId: org.id, placeId: org.placeId, placePath: org.placePath, userId, name, status: 'full', type: options.type ?? 'resident' })
    .returning({ id: partyMembers.id });
  return { memberId: row!.id, client };
}
