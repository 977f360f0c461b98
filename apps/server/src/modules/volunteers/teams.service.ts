import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { CreateTeam, Team } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { visibilityOf, visibleCondition } from '../events/events.visibility';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import { placeFilterPath, under } from './volunteers.shared';
import { volunteerTeamMembers, volunteerTeams, volunteers } from './volunteers.tables';

type TeamRow = typeof volunteerTeams.$inferSelect;

/** 服务队: staff form teams of volunteers; residents see their community's teams (to join one). */
export function createTeamsService({ db, places, residents }: { db: Db; places: PlacesService; residents: ResidentsService }) {
  async function views(tx: Db, rows: readonly TeamRow[]): Promise<Team[]> {
    if (rows.length === 0) return [];
    const names = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    const members = await tx
      .select({ teamId: volunteerTeamMembers.teamId, volunteerId: volunteers.id, residentId: volunteers.residentId, name: volunteers.name })
      .from(volunteerTeamMembers)
      .innerJoin(volunteers, eq(volunteers.id, volunteerTeamMembers.volunteerId))
      .where(inArray(volunteerTeamMembers.teamId, rows.map((r) => r.id)))
      .orderBy(asc(volunteerTeamMembers.joinedAt));
    return rows.map((r) => {
      const mine = members.filter((m) => m.teamId === r.id).map(({ volunteerId, residentId, name }) => ({ volunteerId, residentId, name }));
      return {
        id: r.id,
        name: r.name,
        colour: r.colour,
        description: r.description,
        placeId: r.placeId,
        placeName: names.get(r.placeId) ?? '',
        leaderResidentId: r.leaderResidentId,
        leaderName: r.leaderName,
        memberCount: mine.length,
        members: mine,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  return {
    async list(actor: Actor, query: { placeId?: string; cursor?: string; limit: number }) {
      if (!actor.permissions.has('volunteer.read') && !actor.permissions.has('volunteer.join')) throw forbidden();
      const v = await visibilityOf(places, db, actor, 'volunteer.read', 'volunteer.join');
      const c: SQL[] = [visibleCondition(v, volunteerTeams.placePath)];
      if (query.placeId) c.push(sql`${volunteerTeams.placePath} LIKE ${under(await placeFilterPath(places, db, query.placeId, [...v.full.paths, ...v.published.paths]))}`);
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) c.push(or(gt(volunteerTeams.name, after[0]!), and(eq(volunteerTeams.name, after[0]!), gt(volunteerTeams.id, after[1]!)))!);
      const rows = await db.select().from(volunteerTeams).where(and(...c)).orderBy(asc(volunteerTeams.name), asc(volunteerTeams.id)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.name, r.id]);
      return { items: await views(db, page.items), nextCursor: page.nextCursor };
    },

    async create(actor: Actor, input: z.output<typeof CreateTeam>, idempotencyKey: string | undefined) {
      if (!actor.permissions.has('volunteer.write')) throw forbidden();
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'team.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const place = await places.findById(input.placeId, tx);
          assertRecordAccess(actor, place?.path, 'volunteer.read', 'volunteer.write');
          if (!['community', 'grid'].includes(place!.type)) throw unprocessable('team_place_invalid');
          const leader = input.leaderResidentId ? await residents.readable(actor, input.leaderResidentId, tx) : undefined;
          const memberIds = [...new Set(input.memberVolunteerIds)];
          if (memberIds.length > 0) {
            const found = await tx.select({ id: volunteers.id }).from(volunteers).where(and(inArray(volunteers.id, memberIds), scopeCondition(scopeOf(actor, 'volunteer.read'), volunteers.placePath)));
            if (found.length !== memberIds.length) throw notFound();
          }
          const [row] = await tx
            .insert(volunteerTeams)
            .values({ name: input.name, colour: input.colour, description: input.description ?? null, placeId: place!.id, placePath: place!.path, leaderResidentId: leader?.id ?? null, leaderName: leader?.name ?? null })
            .returning();
          if (memberIds.length > 0) await tx.insert(volunteerTeamMembers).values(memberIds.map((volunteerId) => ({ teamId: row!.id, volunteerId })));
          await writeAudit(tx, auditContextOf(actor), { action: 'team.create', entityType: 'volunteer_team', entityId: row!.id, after: { name: row!.name, colour: row!.colour, members: memberIds.length } });
          return { status: 201, body: (await views(tx, [row!]))[0]! };
        }),
      );
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;
