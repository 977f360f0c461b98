import { and, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CreateVolunteer, Volunteer, VolunteerListQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, scopeCondition, scopeOf, type Actor, type Scope } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import { visibilityOf, visibleCondition } from '../events/events.visibility';
import { ownResidentId, placeFilterPath, under } from './volunteers.shared';
import { volunteerTeamMembers, volunteerTeams, volunteers } from './volunteers.tables';

type VolunteerRow = typeof volunteers.$inferSelect;

export interface VolunteersDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
  /** Confirmed half hours per resident (from the events module, which owns attendance). */
  readonly confirmedHalfHours: (tx: Db, residentIds: readonly string[]) => Promise<ReadonlyMap<string, number>>;
}

/** 志愿者: residents registered to volunteer (themselves, or by staff from the register). */
export function createVolunteersService({ db, places, residents, confirmedHalfHours }: VolunteersDeps) {
  async function views(tx: Db, actor: Actor, rows: readonly VolunteerRow[]): Promise<Volunteer[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const teams = await tx
      .select({ volunteerId: volunteerTeamMembers.volunteerId, id: volunteerTeams.id, name: volunteerTeams.name, colour: volunteerTeams.colour })
      .from(volunteerTeamMembers)
      .innerJoin(volunteerTeams, eq(volunteerTeams.id, volunteerTeamMembers.teamId))
      .where(inArray(volunteerTeamMembers.volunteerId, ids));
    // Hours count once the organiser confirmed them (the same figure that earned points).
    const halfOf = await confirmedHalfHours(tx, rows.map((r) => r.residentId));
    const me = await residents.residentIdOf(actor.userId, tx);
    return rows.map((r) => ({
      id: r.id,
      residentId: r.residentId,
      name: r.name,
      placeId: r.placeId,
      skills: r.skills,
      availability: r.availability,
      teams: teams.filter((t) => t.volunteerId === r.id).map(({ id, name, colour }) => ({ id, name, colour })),
      hours: (halfOf.get(r.residentId) ?? 0) / 2,
      isMe: r.residentId === me,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  return {
    /** For the events module (statistics, demo seed): volunteers registered under a path (within a scope) before a time. */
    async rosterUnder(pathPrefix: string, scope: Scope | null, before: Date = new Date(), tx: Db = db) {
      return tx
        .select({ residentId: volunteers.residentId, name: volunteers.name, placePath: volunteers.placePath })
        .from(volunteers)
        .where(and(sql`${volunteers.placePath} LIKE ${under(pathPrefix)}`, scope ? scopeCondition(scope, volunteers.placePath) : sql`true`, lt(volunteers.createdAt, before)))
        .orderBy(volunteers.createdAt);
    },

    async list(actor: Actor, query: z.output<typeof VolunteerListQuery>) {
      if (!actor.permissions.has('volunteer.read') && !actor.permissions.has('volunteer.join')) throw forbidden();
      const scope = scopeOf(actor, 'volunteer.read');
      const me = await residents.residentIdOf(actor.userId);
      const c: SQL[] = [or(scopeCondition(scope, volunteers.placePath), me ? eq(volunteers.residentId, me) : sql`false`)!];
      if (query.placeId) c.push(sql`${volunteers.placePath} LIKE ${under(await placeFilterPath(places, db, query.placeId, scope.paths))}`);
      if (query.q) c.push(ilike(volunteers.name, `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) c.push(olderThan([volunteers.createdAt, volunteers.id], [new Date(after[0]!), after[1]!]));
      const rows = await db.select().from(volunteers).where(and(...c)).orderBy(desc(volunteers.createdAt), desc(volunteers.id)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return { items: await views(db, actor, page.items), nextCursor: page.nextCursor };
    },

    async create(actor: Actor, input: z.output<typeof CreateVolunteer>, idempotencyKey: string | undefined) {
      if (!actor.permissions.has('volunteer.write') && !actor.permissions.has('volunteer.join')) throw forbidden();
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'volunteer.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const own = await residents.residentIdOf(actor.userId, tx);
          let residentId: string;
          if (input.residentId && input.residentId !== own) {
            // Registering someone else is staff work, within their scope of the register.
            await residents.readable(actor, input.residentId, tx);
            residentId = input.residentId;
          } else {
            if (!actor.permissions.has('volunteer.join') && !input.residentId) throw forbidden();
            residentId = input.residentId ?? (await ownResidentId(residents, actor, tx));
          }
          const person = await residents.brief(residentId, tx);
          if (!person) throw notFound();
          if (residentId !== own) assertRecordAccess(actor, person.placePath, 'volunteer.read', 'volunteer.write');
          const [existing] = await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.residentId, residentId));
          if (existing) throw conflict('volunteer_already_registered');
          const teamIds = [...new Set(input.teamIds)];
          if (teamIds.length > 0) {
            const v = await visibilityOf(places, tx, actor, 'volunteer.read', 'volunteer.join');
            const found = await tx.select({ id: volunteerTeams.id }).from(volunteerTeams).where(and(inArray(volunteerTeams.id, teamIds), visibleCondition(v, volunteerTeams.placePath)));
            if (found.length !== teamIds.length) throw notFound();
          }
          const [row] = await tx
            .insert(volunteers)
            .values({ residentId, name: person.name, placeId: person.placeId, placePath: person.placePath, skills: [...new Set(input.skills)], availability: input.availability ?? null, createdBy: actor.userId })
            .returning();
          if (teamIds.length > 0) await tx.insert(volunteerTeamMembers).values(teamIds.map((teamId) => ({ teamId, volunteerId: row!.id })));
          await writeAudit(tx, auditContextOf(actor), { action: 'volunteer.create', entityType: 'volunteer', entityId: row!.id, after: { residentId, teamIds } });
          return { status: 201, body: (await views(tx, actor, [row!]))[0]! };
        }),
      );
    },
  };
}

export type VolunteersService = ReturnType<typeof createVolunteersService>;
