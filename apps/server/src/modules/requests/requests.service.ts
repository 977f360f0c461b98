import {
  maskPhone,
  OPEN_REQUEST_STATUSES,
  REQUEST_ACTION_LABELS,
  REQUEST_STATUS_LABELS,
  type CreateRequest,
  type Place,
  type RequestChannel,
  type RequestListQuery,
  type RequestTransition,
  type ServiceRequest,
  type StagedPhoto,
  type Triage,
  type UpsertRequestCategory,
} from '@gridwork/contracts';
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeOf, type Actor, type AuditContext, type Scope } from '../../platform/access';
import { auditRow, writeAudit } from '../../platform/audit/audit.service';
import type { DataCipher } from '../../platform/crypto';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { claimRow, claimTaken, fingerprintOf, storedAnswer, type IdempotencyClaim } from '../../platform/idempotency';
import type { IdentityService } from '../../platform/identity/identity.service';
import { NO_LIVE, type LivePublisher } from '../../platform/live';
import type { CouncilsService } from '../councils/councils.service';
import type { NotificationsService } from '../../platform/notifications.service';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import { normalisePhoto } from '../../platform/images';
import type { MemberScoreAwards } from '../party/member-scores.service';
import * as repo from './requests.repo';
import { allowedActions, boxAround, deadlineFrom, distanceMetres, mayAct, suggestTriage, TRANSITIONS, transitionProblem, type ActorRelation } from './requests.rules';
import { referenceOf, seqOfReference, toEvent, toPhoto, toSummary, type ViewLookups } from './requests.views';
import { chinaDay } from '../../platform/china-time';

export interface RequestsDeps {
  readonly db: Db;
  readonly cipher: DataCipher;
  readonly places: PlacesService;
  readonly identity: IdentityService;
  readonly residents: ResidentsService;
  readonly notifications: NotificationsService;
  /** Major matters confirmed by staff go on the council agenda (红色议事会). */
  readonly councils: Pick<CouncilsService, 'propose' | 'withdraw'>;
  /** A resolution by a party member scores for them (党员积分: 办结群众诉求). */
  readonly memberScores: MemberScoreAwards;
  readonly live?: LivePublisher;
}

/** Someone outside the platform's accounts (an Open311 client) raising a request. */
export interface ExternalReporter {
  readonly caller: string;
  readonly name: string;
  /** The subtree the client may file into. */
  readonly placePath: string;
}

type CreateInput = z.output<typeof CreateRequest>;
/** What an intake wrote: enough to answer without reading it back. */
interface Intake {
  readonly row: repo.RequestRow;
  readonly event: repo.EventRow;
  readonly photos: readonly repo.PhotoRow[];
  readonly grid: Place;
}
type ListQuery = z.output<typeof RequestListQuery>;
type TransitionInput = z.output<typeof RequestTransition>;

const CATEGORY_TTL_MS = 10_000;

/** Up to this many grids in scope, the register is read grid by grid (see listInScope). */
const NARROW_SCOPE_GRIDS = 64;

/** Channels a resident or party member may use themselves; the others are staff desks. */
const SELF_SERVICE_CHANNELS: readonly RequestChannel[] = ['mobile', 'proactive'];

/** Tells the managers of the level a request was escalated to. */
export function escalationNotices(row: Pick<repo.RequestRow, 'id' | 'seq' | 'description' | 'escalationLevel'>, managerIds: readonly string[], reason: string) {
  return managerIds.map((userId) => ({
    userId,
    kind: 'request-escalated' as const,
    title: `诉求上报 ${referenceOf(row.seq)}`,
    body: `${reason}：${row.description.slice(0, 60)}`,
    link: `/requests/${row.id}`,
    dedupeKey: `escalated:${row.id}:${row.escalationLevel + 1}`,
  }));
}

export function createRequestsService({ db, cipher, places, identity, residents, notifications, councils, memberScores, live = NO_LIVE }: RequestsDeps) {
  const announce = (row: Pick<repo.RequestRow, 'id' | 'seq' | 'placePath' | 'placeId' | 'status'>, type: 'created' | 'changed') =>
    live.publish({ topic: 'request', path: row.placePath, data: { type, id: row.id, reference: referenceOf(row.seq), status: row.status, placeId: row.placeId } });

  async function lookups(tx: Db, rows: readonly repo.RequestRow[]): Promise<ViewLookups> {
    const categories = new Map((await categoriesNow(tx)).map((c) => [c.code, c]));
    const ids = new Set<string>();
    for (const r of rows) {
      ids.add(r.placeId);
      ids.add(r.responsiblePlaceId);
    }
    return { categories, placeNames: await places.namesOf([...ids], tx) };
  }

  function relationOf(actor: Actor, row: repo.RequestRow): ActorRelation {
    const isOwner = row.ownerUserId === actor.userId;
    return {
      manages: inScope(scopeOf(actor, 'request.manage'), row.placePath),
      handles: inScope(scopeOf(actor, 'request.handle'), row.placePath) || (isOwner && actor.permissions.has('request.handle')),
      isOwner,
      followsUp: inScope(scopeOf(actor, 'request.follow-up'), row.placePath),
      isReporter: row.reporterUserId === actor.userId,
    };
  }

  /** Out of the read scope (and not the reporter or owner): 404, existence is not revealed. */
  async function readable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<repo.RequestRow> {
    const row = await repo.findRequest(tx, id, forUpdate);
    if (!row) throw notFound();
    if (row.reporterUserId === actor.userId || row.ownerUserId === actor.userId) return row;
    if (!inScope(scopeOf(actor, 'request.read'), row.placePath) && (await repo.followersOf(tx, row.id)).includes(actor.userId)) return row;
    assertRecordAccess(actor, row.placePath, 'request.read');
    return row;
  }

  /** Public, consented, not personal, not finished: what a neighbour may follow instead of re-reporting. */
  const followable = (row: repo.RequestRow) => row.publicConsent && row.triage !== 'private' && !['closed', 'rejected'].includes(row.status);

  async function detail(tx: Db, actor: Actor | null, row: repo.RequestRow): Promise<ServiceRequest> {
    const look = await lookups(tx, [row]);
    // One connection inside a transaction: one query at a time.
    const events = await repo.eventsOf(tx, row.id);
    const photos = await repo.photosOf(tx, row.id);
    const followers = await repo.followersOf(tx, row.id);
    return detailOf(actor, row, { look, events, photos, followers });
  }

  function detailOf(
    actor: Actor | null,
    row: repo.RequestRow,
    { look, events, photos, followers }: { look: ViewLookups; events: readonly repo.EventRow[]; photos: readonly repo.PhotoRow[]; followers: readonly string[] },
  ): ServiceRequest {
    const who = actor ? relationOf(actor, row) : null;
    const staffView = who !== null && (who.manages || who.handles || who.followsUp);
    const showReporter = !row.anonymous || (who?.isReporter ?? false);
    // Object.assign, not a spread followed by more fields: V8 gives each object built as
    // `{ ...summary, more }` maps of its own, 20 KB a request, all of it old-generation garbage.
    return Object.assign(toSummary(row, look), {
      location: row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
      address: row.address,
      residentId: staffView ? row.residentId : null,
      contactName: showReporter && (staffView || who?.isReporter) ? row.contactName : null,
      contactPhone: showReporter && (staffView || who?.isReporter) ? row.contactPhoneMasked : null,
      anonymous: row.anonymous,
      publicConsent: row.publicConsent,
      reporterIsMe: who?.isReporter ?? false,
      following: actor !== null && followers.includes(actor.userId),
      followers: followers.length,
      result: row.result,
      satisfaction: row.satisfaction,
      followUpComment: row.followUpComment,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      responsiblePlaceId: row.responsiblePlaceId,
      responsiblePlaceName: look.placeNames.get(row.responsiblePlaceId) ?? '',
      photos: photos.map(toPhoto),
      history: events.map(toEvent),
      allowedActions: who ? allowedActions(row, who) : [],
    });
  }

  /** The innermost grid of a place (itself when it is a grid). */
  async function gridOf(tx: Db, place: Place): Promise<Place | undefined> {
    if (place.type === 'grid') return place;
    const lineage = await places.lineage(place, tx);
    return [...lineage].reverse().find((p) => p.type === 'grid');
  }

  /** 精准落格: the point's grid, else the named building's or household's, else the reporter's own. */
  async function landingGrid(tx: Db, actor: Actor | null, input: Pick<CreateInput, 'location' | 'placeId'>): Promise<{ grid: Place; subject: Place | null }> {
    let subject: Place | null = null;
    if (input.placeId) {
      const place = await places.findById(input.placeId, tx);
      if (!place) throw notFound();
      if (!['grid', 'building', 'household'].includes(place.type)) throw unprocessable('request_place_invalid');
      subject = place;
    }
    if (input.location) {
      const grid = await places.gridAt(null, input.location.lng, input.location.lat, tx);
      if (!grid) throw unprocessable('no_grid_at_point');
      return { grid, subject };
    }
    if (subject) {
      const grid = await gridOf(tx, subject);
      if (!grid) throw unprocessable('request_place_invalid');
      return { grid, subject };
    }
    const own = actor?.grants.filter((g) => ['household', 'building', 'grid'].includes(g.placeType)).sort((a, b) => b.placePath.length - a.placePath.length)[0];
    const ownPlace = own ? await places.findById(own.placeId, tx) : undefined;
    if (ownPlace) {
      const grid = await gridOf(tx, ownPlace);
      if (grid) return { grid, subject: null };
    }
    throw unprocessable('request_place_required');
  }

  function sealPhone(phone: string | null | undefined) {
    return phone ? { contactPhoneEnc: cipher.encrypt(phone), contactPhoneMasked: maskPhone(phone) } : { contactPhoneEnc: null, contactPhoneMasked: null };
  }

  function statDelta(row: Pick<repo.RequestRow, 'placePath' | 'categoryCode' | 'triage'>, day: Date, figures: Partial<Omit<repo.StatDelta, 'placePath' | 'day' | 'categoryCode' | 'triage'>>): repo.StatDelta {
    return { placePath: row.placePath, day: chinaDay(day), categoryCode: row.categoryCode, triage: row.triage, ...figures };
  }

  // Categories change rarely (configuration) and are read by every intake and page: keep them for a
  // few seconds. This instance forgets them on configuration; other instances within CATEGORY_TTL_MS.
  let categoryCache: { readonly at: number; readonly rows: repo.CategoryRow[] } | null = null;
  async function categoriesNow(tx: Db): Promise<repo.CategoryRow[]> {
    if (categoryCache && Date.now() - categoryCache.at < CATEGORY_TTL_MS) return categoryCache.rows;
    const rows = await repo.listCategories(tx);
    categoryCache = { at: Date.now(), rows };
    return rows;
  }

  async function activeCategory(tx: Db, code: string) {
    const category = (await categoriesNow(tx)).find((c) => c.code === code);
    if (!category || !category.active) throw unprocessable('category_unknown', { code });
    return category;
  }

  async function attach(tx: Db, ids: readonly string[], uploader: string, target: { requestId: string; placePath: string; kind: 'report' | 'progress' | 'result'; eventId: string | null }) {
    const attached = await repo.attachPhotos(tx, [...new Set(ids)], uploader, target);
    if (attached !== new Set(ids).size) throw unprocessable('photo_unknown');
  }

  /**
   * Writes a new request with its first history entry, statistics delta, audit row and (with a
   * key) idempotency answer in one statement; photos and a council proposal, when there are any,
   * join it in a transaction. Returns the detail the reporter sees, built without reading back.
   */
  async function intake(
    audit: AuditContext,
    fields: {
      input: CreateInput;
      channel: RequestChannel;
      grid: Place;
      subject: Place | null;
      reporterUserId: string | null;
      actorName: string;
      open311Token?: string;
      claim?: IdempotencyClaim;
    },
  ): Promise<Intake> {
    const { input } = fields;
    const category = await activeCategory(db, input.category);
    const suggestion = suggestTriage(category, input.description);
    const triage: Triage = input.triage ?? suggestion.triage;
    const id = crypto.randomUUID();
    const createdAt = new Date();
    const request = {
      id,
      categoryId: category.id,
      categoryCode: category.code,
      triage,
      triageConfirmed: input.triage !== undefined,
      channel: fields.channel,
      urgency: input.urgency,
      status: 'submitted' as const,
      description: input.description,
      lng: input.location?.lng ?? null,
      lat: input.location?.lat ?? null,
      address: input.address ?? null,
      placeId: fields.grid.id,
      placePath: fields.grid.path,
      subjectPlaceId: fields.subject?.id ?? null,
      responsiblePlaceId: fields.grid.id,
      responsiblePath: fields.grid.path,
      residentId: input.residentId ?? null,
      reporterUserId: fields.reporterUserId,
      contactName: input.contactName ?? null,
      ...sealPhone(input.contactPhone),
      anonymous: input.anonymous,
      publicConsent: input.publicConsent,
      open311Token: fields.open311Token ?? null,
      createdAt,
      updatedAt: createdAt,
    };
    const event: repo.EventRow = {
      id: crypto.randomUUID(),
      requestId: id,
      kind: 'create',
      fromStatus: null,
      toStatus: 'submitted',
      actorId: fields.reporterUserId,
      actorName: input.anonymous ? '匿名' : fields.actorName,
      note: null,
      details: { channel: fields.channel, triageSuggested: suggestion.triage, triageReason: suggestion.reason, photos: input.photoIds.length },
      at: createdAt,
    };
    const write = (tx: Db) =>
      repo.insertIntake(tx, {
        request,
        event,
        delta: statDelta(request, createdAt, { received: 1, openDelta: 1 }),
        audit: {
          ...auditRow(audit, { action: 'request.create', entityType: 'service_request', entityId: id }),
          after: JSON.stringify({ category: category.code, channel: fields.channel, placeId: fields.grid.id, triage }),
        },
        ...(fields.claim ? { claim: claimRow(fields.claim, { status: 201, body: { requestId: id } }) } : {}),
      });
    const major = triage === 'major' && request.triageConfirmed;
    if (input.photoIds.length === 0 && !major) return { row: await write(db), event, photos: [], grid: fields.grid };
    return db.transaction(async (tx) => {
      const row = await write(tx);
      let photos: repo.PhotoRow[] = [];
      if (input.photoIds.length > 0 && fields.reporterUserId) {
        await attach(tx, input.photoIds, fields.reporterUserId, { requestId: row.id, placePath: row.placePath, kind: 'report', eventId: null });
        photos = await repo.photosOf(tx, row.id);
      }
      if (major) await councils.propose(tx, majorMatter(row));
      return { row, event, photos, grid: fields.grid };
    });
  }

  /**
   * A retried create: the stored answer names the request, shown as it is now. Also asked when a
   * keyed create failed some other way, since a retry may arrive after the rules changed.
   */
  async function replayed(claim: IdempotencyClaim | undefined, error: unknown): Promise<repo.RequestRow | undefined> {
    if (!claim || !(claimTaken(error) || error instanceof AppError)) return undefined;
    const stored = (await storedAnswer(db, claim))?.body as { requestId?: unknown; id?: unknown } | undefined;
    // Answers stored before intake became one statement hold the whole request.
    const requestId = stored?.requestId ?? stored?.id;
    return typeof requestId === 'string' ? repo.findRequest(db, requestId) : undefined;
  }

  /** The detail of a request just written, from what the intake wrote (no reads). */
  async function freshDetail(actor: Actor, { row, event, photos, grid }: Intake): Promise<ServiceRequest> {
    const categories = new Map((await categoriesNow(db)).map((c) => [c.code, c]));
    return detailOf(actor, row, { look: { categories, placeNames: new Map([[grid.id, grid.name]]) }, events: [event], photos, followers: [] });
  }

  async function ownerFromInput(tx: Db, row: repo.RequestRow, input: { ownerUserId?: string | null; ownerUnit?: string | null }) {
    if (!input.ownerUserId && !input.ownerUnit) throw unprocessable('owner_required');
    if (!input.ownerUserId) return { ownerUserId: null, ownerName: null, ownerUnit: input.ownerUnit ?? null };
    const holder = (await identity.holdersOf(row.placePath, 'request.handle', { tx })).find((h) => h.userId === input.ownerUserId);
    if (!holder) throw unprocessable('owner_outside_scope');
    return { ownerUserId: holder.userId, ownerName: holder.displayName, ownerUnit: input.ownerUnit ?? null };
  }

  async function categorySla(tx: Db, row: repo.RequestRow) {
    const category = (await categoriesNow(tx)).find((c) => c.code === row.categoryCode);
    if (!category) throw unprocessable('category_unknown', { code: row.categoryCode });
    return category.slaHours;
  }

  const majorMatter = (row: repo.RequestRow) => ({ requestId: row.id, reference: referenceOf(row.seq), placeId: row.placeId, placePath: row.placePath, description: row.description });

  /** Applies one action; returns the changes, the history entry and the side effects. */
  async function apply(tx: Db, actor: Actor, row: repo.RequestRow, input: TransitionInput, now: Date) {
    const changes: Partial<repo.NewRequestRow> = {};
    const details: Record<string, unknown> = {};
    const deltas: repo.StatDelta[] = [];
    const notify: Parameters<NotificationsService['send']>[1][number][] = [];
    let note: string | null = null;
    const reference = referenceOf(row.seq);
    const retriage = (triage: Triage | undefined) => {
      if (!triage) return;
      changes.triage = triage;
      changes.triageConfirmed = true;
      if (triage !== row.triage) {
        details.triage = { from: row.triage, to: triage };
        const open = OPEN_REQUEST_STATUSES.includes(row.status) ? 1 : 0;
        deltas.push(statDelta(row, row.createdAt, { received: -1, openDelta: -open }), statDelta({ ...row, triage }, row.createdAt, { received: 1, openDelta: open }));
      }
    };
    switch (input.action) {
      case 'accept':
        retriage(input.triage);
        note = input.note ?? null;
        break;
      case 'assign':
      case 'transfer': {
        const owner = await ownerFromInput(tx, row, input);
        Object.assign(changes, owner);
        if (input.action === 'assign') {
          retriage(input.triage);
          const deadline = input.deadline ? new Date(input.deadline) : deadlineFrom(now, await categorySla(tx, row), row.urgency);
          if (deadline.getTime() <= now.getTime()) throw unprocessable('deadline_in_past');
          changes.deadline = deadline;
          changes.dueState = 'on_track';
          details.deadline = deadline.toISOString();
          note = input.note ?? null;
        } else {
          note = input.reason;
          details.previousOwner = row.ownerName ?? row.ownerUnit;
        }
        details.owner = owner.ownerName ?? owner.ownerUnit;
        if (owner.ownerUserId && owner.ownerUserId !== actor.userId) {
          notify.push({ userId: owner.ownerUserId, kind: 'request-assigned', title: `新派单 ${reference}`, body: row.description.slice(0, 80), link: `/requests/${row.id}` });
        }
        break;
      }
      case 'start':
        note = input.note ?? null;
        break;
      case 'resolve': {
        const onTime = row.deadline === null || now.getTime() <= row.deadline.getTime();
        Object.assign(changes, { result: input.result, resolvedAt: now, resolvedOnTime: onTime });
        if (row.ownerUserId) await memberScores.awardToUser(tx, row.ownerUserId, { item: 'request-resolved', sourceType: 'request', sourceId: row.id, occurredAt: now, reason: `诉求 ${reference} 办结` });
        note = input.result;
        details.onTime = onTime;
        const audience = new Set([...(row.reporterUserId ? [row.reporterUserId] : []), ...(await repo.followersOf(tx, row.id))]);
        audience.delete(actor.userId);
        for (const userId of audience) {
          notify.push({ userId, kind: 'request-answered', title: `诉求已办结 ${reference}`, body: input.result.slice(0, 80), link: `/requests/${row.id}`, dedupeKey: `answered:${row.id}:${userId}:${now.getTime()}` });
        }
        deltas.push(
          statDelta(row, now, {
            resolved: 1,
            resolvedOnTime: onTime ? 1 : 0,
            handlingSeconds: Math.round((now.getTime() - row.createdAt.getTime()) / 1000),
            overdueDelta: row.dueState === 'overdue' ? -1 : 0,
          }),
        );
        changes.dueState = 'none';
        break;
      }
      case 'follow-up': {
        const who = relationOf(actor, row);
        if (input.method === 'self' ? !who.isReporter : !who.followsUp) throw new AppError(403, input.method === 'self' ? 'follow_up_by_reporter_only' : 'forbidden');
        Object.assign(changes, { satisfaction: input.satisfaction, followUpComment: input.comment ?? null, followedUpAt: now });
        details.method = input.method;
        details.satisfaction = input.satisfaction;
        note = input.comment ?? null;
        deltas.push(statDelta(row, now, { followedUp: 1, satisfactionSum: input.satisfaction }));
        break;
      }
      case 'close':
        changes.closedAt = now;
        note = input.note ?? null;
        deltas.push(statDelta(row, row.createdAt, { openDelta: -1 }));
        break;
      case 'reject':
        changes.closedAt = now;
        changes.dueState = 'none';
        note = input.reason;
        deltas.push(statDelta(row, row.createdAt, { openDelta: -1, overdueDelta: row.dueState === 'overdue' ? -1 : 0 }));
        break;
      case 'reopen': {
        note = input.reason;
        const deadline = deadlineFrom(now, await categorySla(tx, row), row.urgency);
        Object.assign(changes, { deadline, dueState: 'on_track', resolvedAt: null, resolvedOnTime: null, satisfaction: null, followUpComment: null, followedUpAt: null, result: null });
        details.deadline = deadline.toISOString();
        details.previousSatisfaction = row.satisfaction;
        // The earlier resolution (and its rating) no longer counts: take it back on the days it was counted.
        if (row.ownerUserId) await memberScores.retractFromUser(tx, row.ownerUserId, { item: 'request-resolved', sourceType: 'request', sourceId: row.id });
        if (row.resolvedAt) {
          const handled = Math.round((row.resolvedAt.getTime() - row.createdAt.getTime()) / 1000);
          deltas.push(statDelta(row, row.resolvedAt, { resolved: -1, resolvedOnTime: row.resolvedOnTime ? -1 : 0, handlingSeconds: -handled }));
        }
        if (row.followedUpAt && row.satisfaction !== null) deltas.push(statDelta(row, row.followedUpAt, { followedUp: -1, satisfactionSum: -row.satisfaction }));
        if (row.ownerUserId) notify.push({ userId: row.ownerUserId, kind: 'request-assigned', title: `诉求重新办理 ${reference}`, body: input.reason, link: `/requests/${row.id}` });
        break;
      }
      case 'escalate': {
        const escalation = await escalationTarget(tx, row);
        Object.assign(changes, escalation.changes);
        note = input.reason;
        details.to = escalation.placeName;
        notify.push(...escalationNotices(row, escalation.managerIds, input.reason));
        break;
      }
    }
    return { changes, details, deltas, notify, note };
  }

  /** One level up the places tree from where the responsibility lies now, and who manages there. */
  async function escalationTarget(tx: Db, row: Pick<repo.RequestRow, 'responsiblePlaceId' | 'escalationLevel'>) {
    const current = await places.findById(row.responsiblePlaceId, tx);
    const parent = current?.parentId ? await places.findById(current.parentId, tx) : undefined;
    if (!parent) throw unprocessable('escalate_at_top');
    const managers = await identity.holdersOf(parent.path, 'request.manage', { exact: true, tx });
    return {
      placeName: parent.name,
      changes: { responsiblePlaceId: parent.id, responsiblePath: parent.path, escalationLevel: row.escalationLevel + 1 },
      managerIds: [...new Set(managers.map((m) => m.userId))],
    };
  }

  /** Narrow scopes (a grid worker's) list grid by grid; wide ones walk the register's time index. */
  async function listInScope(scope: Scope, pathPrefix: string | undefined, filter: repo.RequestFilter) {
    const prefixes = pathPrefix ? scope.paths.filter((p) => pathPrefix.startsWith(p)).map(() => pathPrefix) : scope.paths;
    const grids = new Set<string>();
    for (const prefix of prefixes) {
      for (const path of await places.gridPathsUnder(prefix)) grids.add(path);
      if (grids.size > NARROW_SCOPE_GRIDS) return repo.listRequests(db, filter);
    }
    return repo.listRequestsInGrids(db, [...grids], filter);
  }

  return {
    readable: (actor: Actor, id: string, tx: Db = db) => readable(tx, actor, id),
    escalationTarget,

    async categories(actor: Actor) {
      if (!actor.permissions.has('request.create') && !actor.permissions.has('request.read')) throw forbidden();
      return (await repo.listCategories(db)).map(({ updatedAt: _u, ...c }) => c);
    },

    /** For Open311 and public pages: the catalogue without an actor. */
    listCategoriesPublic: () => repo.listCategories(db),

    async configureCategories(actor: Actor, items: readonly z.output<typeof UpsertRequestCategory>[]) {
      requirePermission(actor, 'request.configure');
      const saved = await db.transaction(async (tx) => {
        const codes = new Set(items.map((i) => i.code));
        for (const item of [...items].sort((a, b) => (a.parentCode ? 1 : 0) - (b.parentCode ? 1 : 0))) {
          let parentId: string | null = null;
          if (item.parentCode) {
            const parent = await repo.findCategoryByCode(tx, item.parentCode);
            if (!parent && !codes.has(item.parentCode)) throw unprocessable('category_parent_unknown', { code: item.parentCode });
            parentId = parent?.id ?? null;
          }
          await repo.upsertCategory(tx, { code: item.code, parentId, name: item.name, defaultTriage: item.defaultTriage, keywords: item.keywords, slaHours: item.slaHours, active: item.active, sortOrder: item.sortOrder });
        }
        await writeAudit(tx, auditContextOf(actor), { action: 'request-category.configure', entityType: 'request_category', after: { codes: [...codes] } });
        return (await repo.listCategories(tx)).map(({ updatedAt: _u, ...c }) => c);
      });
      // Forgotten after the commit, so no request can refill the cache with the old rows.
      categoryCache = null;
      return saved;
    },

    async suggestTriage(actor: Actor, code: string, text: string) {
      requirePermission(actor, 'request.create');
      return suggestTriage(await activeCategory(db, code), text);
    },

    async uploadPhoto(actor: Actor, bytes: Buffer): Promise<StagedPhoto> {
      if (!actor.permissions.has('request.create') && !actor.permissions.has('request.handle')) throw forbidden();
      const photo = await normalisePhoto(bytes);
      const row = await repo.insertPhoto(db, { uploaderUserId: actor.userId, mime: photo.mime, width: photo.width, height: photo.height, byteSize: photo.data.length, data: photo.data });
      const { kind: _kind, ...view } = toPhoto(row);
      return view;
    },

    /** A photo for someone who may see it: the uploader, or anyone who may read its request. */
    async photo(actor: Actor, id: string) {
      const row = await repo.findPhoto(db, id);
      if (!row) throw notFound();
      if (row.uploaderUserId !== actor.userId) {
        if (!row.requestId) throw notFound();
        await readable(db, actor, row.requestId);
      }
      return { data: row.data, mime: row.mime };
    },

    async create(actor: Actor, input: CreateInput, idempotencyKey: string | undefined) {
      requirePermission(actor, 'request.create');
      const staff = actor.permissions.has('request.read');
      if (!staff && !SELF_SERVICE_CHANNELS.includes(input.channel)) throw forbidden();
      const claim = idempotencyKey ? { caller: actor.userId, scope: 'request.create', key: idempotencyKey, fingerprint: fingerprintOf(input) } : undefined;
      try {
        const { grid, subject } = await landingGrid(db, actor, input);
        // Workers and staff file only where they work; residents may report anywhere.
        if (staff) assertRecordAccess(actor, grid.path, 'request.create');
        if (input.residentId) await residents.readable(actor, input.residentId);
        const created = await intake(auditContextOf(actor), { input, channel: input.channel, grid, subject, reporterUserId: actor.userId, actorName: actor.displayName, claim });
        announce(created.row, 'created');
        return { status: 201, body: await freshDetail(actor, created), replayed: false };
      } catch (error) {
        const earlier = await replayed(claim, error);
        if (!earlier) throw error;
        return { status: 201, body: await detail(db, actor, earlier), replayed: true };
      }
    },

    /** Intake from an Open311 client: the grid must lie inside the client's area. */
    async createExternal(reporter: ExternalReporter, input: CreateInput, token: string, idempotencyKey?: string) {
      const claim = idempotencyKey ? { caller: reporter.caller, scope: 'request.create', key: idempotencyKey, fingerprint: fingerprintOf(input) } : undefined;
      try {
        const { grid, subject } = await landingGrid(db, null, input);
        if (!grid.path.startsWith(reporter.placePath)) throw unprocessable('no_grid_at_point');
        const audit = { actorId: null, actorName: reporter.name, ip: null, userAgent: null };
        const { row } = await intake(audit, { input, channel: 'open311', grid, subject, reporterUserId: null, actorName: reporter.name, open311Token: token, claim });
        announce(row, 'created');
        return { status: 201, body: row, replayed: false };
      } catch (error) {
        const earlier = await replayed(claim, error);
        if (!earlier) throw error;
        return { status: 201, body: earlier, replayed: true };
      }
    },

    async list(actor: Actor, query: ListQuery) {
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const ownList = query.mine === 'reported' || query.mine === 'followed';
      const scope = ownList ? null : scopeOf(actor, 'request.read');
      if (!ownList) requirePermission(actor, 'request.read');
      let pathPrefix: string | undefined;
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        if (scope) assertRecordAccess(actor, place?.path, 'request.read');
        if (!place) throw notFound();
        pathPrefix = place.path;
      }
      let categoryCodes: string[] | undefined;
      if (query.category) {
        const all = await categoriesNow(db);
        const root = all.find((c) => c.code === query.category);
        if (!root) throw unprocessable('category_unknown', { code: query.category });
        // A parent category filters on its whole subtree.
        const ids = new Set([root.id]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const c of all) if (c.parentId && ids.has(c.parentId) && !ids.has(c.id)) grew = ids.add(c.id).size > 0;
        }
        categoryCodes = all.filter((c) => ids.has(c.id)).map((c) => c.code);
      }
      const statuses = query.awaitingFollowUp ? ['resolved' as const] : query.status;
      const seq = query.q ? seqOfReference(query.q) : undefined;
      const filter: repo.RequestFilter = {
        scope,
        pathPrefix,
        statuses,
        categoryCodes,
        triage: query.triage,
        overdue: query.overdue,
        channel: query.channel,
        from: query.from ? new Date(`${query.from}T00:00:00+08:00`) : undefined,
        to: query.to ? new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000) : undefined,
        ownerUserId: query.mine === 'owned' ? actor.userId : undefined,
        reporterUserId: query.mine === 'reported' ? actor.userId : undefined,
        followerUserId: query.mine === 'followed' ? actor.userId : undefined,
        seq,
        text: query.q && seq === undefined ? query.q : undefined,
        after,
        limit: query.limit,
      };
      const rows = scope ? await listInScope(scope, pathPrefix, filter) : await repo.listRequests(db, filter);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      const look = await lookups(db, page.items);
      return { items: page.items.map((r) => toSummary(r, look)), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<ServiceRequest> {
      const row = await readable(db, actor, id);
      return detail(db, actor, row);
    },

    async transition(actor: Actor, id: string, input: TransitionInput): Promise<ServiceRequest> {
      const result = await db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true);
        const who = relationOf(actor, row);
        if (!mayAct(input.action, who)) throw forbidden();
        if (transitionProblem(input.action, row)) {
          throw conflict('transition_not_allowed', { status: REQUEST_STATUS_LABELS[row.status][actor.locale], action: REQUEST_ACTION_LABELS[input.action][actor.locale] });
        }
        const now = new Date();
        const { changes, details, deltas, notify, note } = await apply(tx, actor, row, input, now);
        const toStatus = TRANSITIONS[input.action].to ?? row.status;
        const updated = await repo.updateRequest(tx, row.id, { ...changes, status: toStatus });
        const eventId = await repo.insertEvent(tx, { requestId: row.id, kind: input.action, fromStatus: row.status, toStatus, actorId: actor.userId, actorName: actor.displayName, note, details });
        if ((input.action === 'start' || input.action === 'resolve') && input.photoIds.length > 0) {
          await attach(tx, input.photoIds, actor.userId, { requestId: row.id, placePath: row.placePath, kind: input.action === 'resolve' ? 'result' : 'progress', eventId });
        }
        await repo.insertStatDeltas(tx, deltas);
        if (changes.triage === 'major') await councils.propose(tx, majorMatter(updated));
        else if (changes.triage && row.triage === 'major') await councils.withdraw(tx, row.id, '三事分流改为非大事');
        await notifications.send(tx, notify);
        await writeAudit(tx, auditContextOf(actor), { action: `request.${input.action}`, entityType: 'service_request', entityId: row.id, before: { status: row.status }, after: { status: toStatus, ...details } });
        return { view: await detail(tx, actor, updated), updated };
      });
      announce(result.updated, 'changed');
      return result.view;
    },

    /** 关注: follow a request someone else raised instead of raising it again. */
    async follow(actor: Actor, id: string): Promise<ServiceRequest> {
      requirePermission(actor, 'request.create');
      return db.transaction(async (tx) => {
        const row = await repo.findRequest(tx, id);
        if (!row) throw notFound();
        const mayRead = row.reporterUserId === actor.userId || row.ownerUserId === actor.userId || inScope(scopeOf(actor, 'request.read'), row.placePath);
        // Existence of what cannot be followed or read is not revealed.
        if (!followable(row)) {
          if (!mayRead) throw notFound();
          throw conflict('request_not_followable');
        }
        await repo.follow(tx, row.id, actor.userId);
        await writeAudit(tx, auditContextOf(actor), { action: 'request.follow', entityType: 'service_request', entityId: row.id });
        return detail(tx, actor, row);
      });
    },

    async unfollow(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await readable(tx, actor, id);
        await repo.unfollow(tx, row.id, actor.userId);
      });
    },

    async assignees(actor: Actor, id: string) {
      const row = await readable(db, actor, id);
      if (!relationOf(actor, row).manages) throw forbidden();
      const holders = await identity.holdersOf(row.placePath, 'request.handle');
      const seen = new Set<string>();
      return holders.filter((h) => !seen.has(h.userId) && seen.add(h.userId)).map((h) => ({ userId: h.userId, name: h.displayName, role: h.role, placeName: h.placeName }));
    },

    /** Open requests of the same category within `metres` (FixMyStreet's "already reported"). */
    async nearby(actor: Actor, category: string, point: { lng: number; lat: number }, metres = 100) {
      requirePermission(actor, 'request.create');
      const rows = await repo.nearbyOpen(db, null, category, boxAround(point, metres));
      const look = await lookups(db, rows);
      return rows
        .map((r) => ({ row: r, distance: distanceMetres(point, { lng: r.lng!, lat: r.lat! }) }))
        .filter((r) => r.distance <= metres)
        .sort((a, b) => a.distance - b.distance)
        .map(({ row, distance }) => ({
          id: row.id,
          reference: referenceOf(row.seq),
          categoryName: look.categories.get(row.categoryCode)?.name ?? row.categoryCode,
          status: row.status,
          description: row.publicConsent ? row.description.slice(0, 120) : '',
          distanceMetres: Math.round(distance),
          createdAt: row.createdAt.toISOString(),
        }));
    },

    /** For Open311 reads: requests by id or reference, or by filters, without an actor. */
    findForOpen311: (idOrReference: string) => {
      const seq = seqOfReference(idOrReference);
      if (seq !== undefined) return repo.findRequestBySeq(db, seq);
      return /^[0-9a-f-]{36}$/i.test(idOrReference) ? repo.findRequest(db, idOrReference) : Promise.resolve(undefined);
    },
    findByToken: (token: string) => repo.findRequestByToken(db, token),
    listForOpen311: (filter: Omit<repo.RequestFilter, 'scope'> & { pathPrefix: string }) => repo.listRequests(db, { ...filter, scope: null }),
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
