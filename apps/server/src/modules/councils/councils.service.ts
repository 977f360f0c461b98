import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { CouncilAgendaItem, CouncilItemStatus } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict } from '../../platform/errors';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import { councilAgendaItems } from './councils.tables';

type ItemRow = typeof councilAgendaItems.$inferSelect;

/** What the requests module tells the council about a major matter. */
export interface MajorMatter {
  readonly requestId: string;
  readonly reference: string;
  readonly placeId: string;
  readonly placePath: string;
  readonly description: string;
}

export interface CouncilAgendaQuery {
  readonly placeId?: string;
  readonly requestId?: string;
  readonly status?: CouncilItemStatus;
  readonly cursor?: string;
  readonly limit: number;
}

const OPEN: readonly CouncilItemStatus[] = ['proposed', 'scheduled'];
const titleOf = (description: string) => (description.length > 40 ? `${description.slice(0, 40)}…` : description);

/** 红色议事会议题: major matters (大事) put on the agenda of their community's council. */
export function createCouncilsService({ db, places }: { db: Db; places: PlacesService }) {
  async function views(tx: Db, rows: readonly ItemRow[]): Promise<CouncilAgendaItem[]> {
    const names = await places.namesOf([...new Set(rows.map((r) => r.communityId))], tx);
    return rows.map((r) => ({
      id: r.id,
      requestId: r.requestId,
      requestReference: r.requestReference,
      communityId: r.communityId,
      communityName: names.get(r.communityId) ?? '',
      title: r.title,
      status: r.status,
      meetingOn: r.meetingOn,
      decision: r.decision,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy,
      withdrawnReason: r.withdrawnReason,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function writable(tx: Db, actor: Actor, id: string) {
    const [row] = await tx.select().from(councilAgendaItems).where(eq(councilAgendaItems.id, id)).for('update');
    assertRecordAccess(actor, row?.placePath, 'request.read', 'request.manage');
    return row!;
  }

  async function change(actor: Actor, id: string, action: string, decide: (row: ItemRow) => Partial<ItemRow>) {
    return db.transaction(async (tx) => {
      const row = await writable(tx, actor, id);
      const changes = decide(row);
      const [updated] = await tx.update(councilAgendaItems).set({ ...changes, updatedAt: new Date() }).where(eq(councilAgendaItems.id, id)).returning();
      await writeAudit(tx, auditContextOf(actor), { action: `council-item.${action}`, entityType: 'council_agenda_item', entityId: id, before: { status: row.status }, after: changes });
      return (await views(tx, [updated!]))[0]!;
    });
  }

  return {
    /**
     * Called by the requests module in its transaction when staff confirm a request as major:
     * the matter goes on the council agenda once (a withdrawn item comes back as proposed).
     */
    async propose(tx: Db, matter: MajorMatter): Promise<void> {
      const grid = await places.findById(matter.placeId, tx);
      const community = grid ? (await places.lineage(grid, tx)).find((p) => p.type === 'community') : undefined;
      if (!community) return;
      await tx
        .insert(councilAgendaItems)
        .values({ requestId: matter.requestId, requestReference: matter.reference, communityId: community.id, placePath: matter.placePath, title: titleOf(matter.description) })
        .onConflictDoUpdate({ target: councilAgendaItems.requestId, set: { status: 'proposed', withdrawnReason: null, updatedAt: new Date() }, setWhere: sql`${councilAgendaItems.status} = 'withdrawn'` });
    },

    /** A request re-triaged away from major leaves the agenda unless the council already decided it. */
    async withdraw(tx: Db, requestId: string, reason: string): Promise<void> {
      await tx
        .update(councilAgendaItems)
        .set({ status: 'withdrawn', withdrawnReason: reason, updatedAt: new Date() })
        .where(and(eq(councilAgendaItems.requestId, requestId), sql`${councilAgendaItems.status} IN ('proposed', 'scheduled')`));
    },

    async list(actor: Actor, query: CouncilAgendaQuery) {
      requirePermission(actor, 'request.read');
      const scope = scopeOf(actor, 'request.read');
      const c: SQL[] = [scopeCondition(scope, councilAgendaItems.placePath)];
      if (query.placeId) {
        // Like every id filter: a place outside the scope answers 404, not an empty page.
        const place = await places.findById(query.placeId);
        assertRecordAccess(actor, place?.path, 'request.read');
        c.push(sql`${councilAgendaItems.placePath} LIKE ${`${place!.path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
      }
      if (query.requestId) {
        const [item] = await db.select({ placePath: councilAgendaItems.placePath }).from(councilAgendaItems).where(eq(councilAgendaItems.requestId, query.requestId));
        // A request that is not on the agenda answers like one out of scope: 404, revealing nothing.
        assertRecordAccess(actor, item?.placePath, 'request.read');
        c.push(eq(councilAgendaItems.requestId, query.requestId));
      }
      if (query.status) c.push(eq(councilAgendaItems.status, query.status));
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) c.push(olderThan([councilAgendaItems.createdAt, councilAgendaItems.id], [new Date(after[0]!), after[1]!]));
      const rows = await db.select().from(councilAgendaItems).where(and(...c)).orderBy(desc(councilAgendaItems.createdAt), desc(councilAgendaItems.id)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return { items: await views(db, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string) {
      const [row] = await db.select().from(councilAgendaItems).where(eq(councilAgendaItems.id, id));
      assertRecordAccess(actor, row?.placePath, 'request.read');
      return (await views(db, [row!]))[0]!;
    },

    schedule: (actor: Actor, id: string, meetingOn: string) =>
      change(actor, id, 'schedule', (row) => {
        if (!OPEN.includes(row.status)) throw conflict('council_item_closed');
        return { status: 'scheduled', meetingOn };
      }),

    /** 议事: the council's decision, recorded once by who took it down. */
    decide: (actor: Actor, id: string, decision: string) =>
      change(actor, id, 'decide', (row) => {
        if (row.status !== 'scheduled') throw conflict(row.status === 'proposed' ? 'council_item_not_scheduled' : 'council_item_closed');
        return { status: 'decided', decision, decidedAt: new Date(), decidedBy: actor.displayName };
      }),
  };
}

export type CouncilsService = ReturnType<typeof createCouncilsService>;
