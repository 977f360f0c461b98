import type { Place, RequestChannel, RequestStatus, Triage, UpsertRequestCategory, Urgency } from '@gridwork/contracts';
import { seededRandom, type SeededRandom } from '../../platform/seeded-random';
import type { z } from 'zod';
import type { DemoSeedContext } from '../../platform/module';
import { demoPlaces } from '../accounts/accounts.seed';
import * as identityRepo from '../../platform/identity/identity.repo';
import * as repo from './requests.repo';
import { deadlineFrom } from './requests.rules';
import { chinaDay } from '../../platform/china-time';

type Category = z.output<typeof UpsertRequestCategory>;
const sla = (normal: number, urgent: number, critical: number) => ({ normal, urgent, critical });

/** The category tree a new install starts with; administrators edit it (诉求类别配置). */
export const DEFAULT_REQUEST_CATEGORIES: Category[] = [
  { code: 'environment', name: '环境卫生', defaultTriage: 'minor', keywords: ['垃圾', '卫生'], slaHours: sla(72, 24, 8), active: true, sortOrder: 10 },
  { code: 'environment.garbage', parentCode: 'environment', name: '垃圾清运', defaultTriage: 'minor', keywords: ['垃圾', '堆放', '清运'], slaHours: sla(48, 12, 4), active: true, sortOrder: 11 },
  { code: 'environment.greening', parentCode: 'environment', name: '绿化养护', defaultTriage: 'minor', keywords: ['树', '草坪', '绿化'], slaHours: sla(120, 48, 24), active: true, sortOrder: 12 },
  { code: 'facilities', name: '公共设施', defaultTriage: 'minor', keywords: ['损坏', '维修'], slaHours: sla(72, 24, 8), active: true, sortOrder: 20 },
  { code: 'facilities.lighting', parentCode: 'facilities', name: '路灯照明', defaultTriage: 'minor', keywords: ['路灯', '不亮'], slaHours: sla(72, 24, 8), active: true, sortOrder: 21 },
  { code: 'facilities.road', parentCode: 'facilities', name: '道路井盖', defaultTriage: 'minor', keywords: ['井盖', '坑', '路面'], slaHours: sla(48, 12, 4), active: true, sortOrder: 22 },
  { code: 'facilities.elevator', parentCode: 'facilities', name: '电梯与加装', defaultTriage: 'major', keywords: ['电梯', '加装'], slaHours: sla(240, 72, 24), active: true, sortOrder: 23 },
  { code: 'property', name: '物业服务', defaultTriage: 'minor', keywords: ['物业', '停车'], slaHours: sla(72, 24, 8), active: true, sortOrder: 30 },
  { code: 'safety', name: '安全隐患', defaultTriage: 'minor', keywords: ['隐患', '电动车', '消防'], slaHours: sla(24, 8, 2), active: true, sortOrder: 40 },
  { code: 'neighbourhood', name: '邻里纠纷', defaultTriage: 'private', keywords: ['噪音', '漏水', '纠纷'], slaHours: sla(72, 24, 8), active: true, sortOrder: 50 },
  { code: 'livelihood', name: '生活困难帮扶', defaultTriage: 'private', keywords: ['困难', '独居', '老人'], slaHours: sla(72, 24, 8), active: true, sortOrder: 60 },
  { code: 'policy', name: '政策咨询', defaultTriage: 'private', keywords: ['社保', '医保', '办理'], slaHours: sla(48, 24, 8), active: true, sortOrder: 70 },
  { code: 'community_affairs', name: '小区公共事务', defaultTriage: 'major', keywords: ['改造', '规划', '公约'], slaHours: sla(360, 120, 48), active: true, sortOrder: 80 },
];

const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  'environment.garbage': ['小区东门垃圾桶满了两天没人清运，味道很大', '楼下绿化带里有人堆放装修垃圾', '垃圾分类亭附近有大量散落垃圾'],
  'environment.greening': ['广场边的大树枝干快压到电线了', '草坪长期没人修剪，蚊虫多'],
  'facilities.lighting': ['3号路口的路灯晚上不亮，老人走路不安全', '小区北侧一排路灯忽明忽暗'],
  'facilities.road': ['菜市场门口井盖松动，踩上去晃', '人行道上有个大坑，下雨积水'],
  'facilities.elevator': ['老楼想加装电梯，希望社区牵头征求意见', '电梯经常停运，需要统一维修方案'],
  property: ['物业对地下车库漏水一直不处理', '楼道消防通道被杂物堵住，物业不清理'],
  safety: ['楼道里有人给电动车充电，拉飞线很危险', '消防栓被遮挡，灭火器过期'],
  neighbourhood: ['楼上晚上经常很吵，沟通无果', '楼上卫生间漏水到我家天花板'],
  livelihood: ['独居老人行动不便，希望有人帮忙买菜', '家里老人生病，希望了解临时救助政策'],
  policy: ['想咨询城乡居民医保怎么续缴', '退休后社保认证在哪里办理'],
  community_affairs: ['小区想改造停车位，希望开会商量方案', '建议制定居民公约，规范养犬'],
};

const RESULTS = ['已联系相关部门处理完毕，现场已恢复', '网格员上门协调，双方达成一致', '已安排物业维修，居民确认', '已为居民办理相关手续'];

const STATUS_MIX: readonly RequestStatus[] = ['closed', 'closed', 'closed', 'followed_up', 'resolved', 'resolved', 'in_progress', 'assigned', 'assigned', 'accepted', 'submitted', 'submitted', 'rejected'];
const CHANNELS: readonly RequestChannel[] = ['mobile', 'mobile', 'mobile', 'patrol', 'counter', 'phone', 'proactive'];

export async function seedDemoCategories(db: DemoSeedContext['db']): Promise<void> {
  const ids = new Map<string, string>();
  for (const c of DEFAULT_REQUEST_CATEGORIES) {
    await repo.upsertCategory(db, { code: c.code, parentId: c.parentCode ? (ids.get(c.parentCode) ?? null) : null, name: c.name, defaultTriage: c.defaultTriage, keywords: c.keywords, slaHours: c.slaHours, active: c.active, sortOrder: c.sortOrder });
    ids.set(c.code, (await repo.findCategoryByCode(db, c.code))!.id);
  }
}

/** A year of plausible requests in both demo communities, in every state of the register. */
export async function seedDemoRequests(context: DemoSeedContext): Promise<void> {
  const { db, services } = context;
  await seedDemoCategories(db);
  const demo = await demoPlaces(context);
  const grids = (await services.places.allOfType('grid')).filter((g) => g.boundary && (g.path.startsWith(demo.communityA.path) || g.path.startsWith(demo.communityB.path)));
  const innermost = grids.filter((g) => !grids.some((other) => other.id !== g.id && other.path.startsWith(g.path)));
  const categories = new Map((await repo.listCategories(db)).map((c) => [c.code, c]));
  const [gridWorker] = await identityRepo.holdersCovering(db, demo.gridA.path, ['grid_worker']);
  const count = context.size === 'small' ? 60 : 480;
  const rnd = seededRandom(20261122);
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const grid = rnd.pick(innermost);
    const code = rnd.pick(Object.keys(TEMPLATES));
    const category = categories.get(code)!;
    const status = i < 6 ? rnd.pick<RequestStatus>(['submitted', 'assigned', 'in_progress']) : rnd.pick(STATUS_MIX);
    const createdAt = new Date(now - rnd.int(i < 6 ? 1 : 2, 360) * 86_400_000 + rnd.int(0, 86_399) * 1000);
    await seedOne(db, { grid, category, status, createdAt, rnd, channel: rnd.pick(CHANNELS), owner: grid.path.startsWith(demo.gridA.path) && gridWorker ? { userId: gridWorker.userId, name: gridWorker.displayName } : null });
  }
}

async function seedOne(
  db: DemoSeedContext['db'],
  s: { grid: Place; category: repo.CategoryRow; status: RequestStatus; createdAt: Date; rnd: SeededRandom; channel: RequestChannel; owner: { userId: string; name: string } | null },
) {
  const { grid, category, status, createdAt, rnd } = s;
  const box = boxOf(grid.boundary!.coordinates);
  const lng = box.w + (box.e - box.w) * (0.2 + 0.6 * rnd.next());
  const lat = box.s + (box.n - box.s) * (0.2 + 0.6 * rnd.next());
  const urgency: Urgency = rnd.pick(['normal', 'normal', 'normal', 'urgent', 'critical']);
  const triage: Triage = category.defaultTriage;
  const hours = (h: number) => new Date(createdAt.getTime() + h * 3_600_000);
  const reached = (step: RequestStatus) => STEP_ORDER.indexOf(status) >= STEP_ORDER.indexOf(step) && status !== 'rejected';
  const assignedAt = hours(rnd.int(1, 12));
  const deadline = reached('assigned') ? deadlineFrom(assignedAt, category.slaHours, urgency) : null;
  const resolvedAt = reached('resolved') ? hours(rnd.int(6, category.slaHours[urgency] + 24)) : null;
  const onTime = resolvedAt && deadline ? resolvedAt <= deadline : null;
  const satisfaction = reached('followed_up') ? rnd.pick([5, 5, 5, 4, 4, 3, 2]) : null;
  const owner = s.owner ?? { userId: null, name: null };
  const row = await repo.insertRequest(db, {
    categoryId: category.id,
    categoryCode: category.code,
    triage,
    triageConfirmed: status !== 'submitted',
    channel: s.channel,
    urgency,
    status,
    description: rnd.pick(TEMPLATES[category.code]!),
    lng,
    lat,
    address: `${grid.name}附近`,
    placeId: grid.id,
    placePath: grid.path,
    responsiblePlaceId: grid.id,
    responsiblePath: grid.path,
    anonymous: rnd.next() < 0.1,
    publicConsent: rnd.next() < 0.85,
    ownerUserId: reached('assigned') ? owner.userId : null,
    ownerName: reached('assigned') ? owner.name : null,
    ownerUnit: reached('assigned') && !owner.userId ? rnd.pick(['物业服务中心', '城管中队', '供电所', '社区网格站']) : null,
    deadline,
    dueState: deadline && !resolvedAt ? (deadline.getTime() < Date.now() ? 'overdue' : 'on_track') : 'none',
    result: resolvedAt ? rnd.pick(RESULTS) : null,
    satisfaction,
    followUpComment: satisfaction ? (satisfaction >= 4 ? '处理及时，很满意' : '处理还不够彻底') : null,
    resolvedAt,
    resolvedOnTime: onTime,
    followedUpAt: satisfaction ? hours(category.slaHours[urgency] + 48) : null,
    closedAt: status === 'closed' || status === 'rejected' ? hours(category.slaHours[urgency] + 72) : null,
    createdAt,
    updatedAt: createdAt,
  });
  const events: Parameters<typeof repo.insertEvent>[1][] = [{ requestId: row.id, kind: 'create', toStatus: 'submitted', actorName: '居民', at: createdAt, details: { channel: s.channel } }];
  if (status === 'rejected') events.push({ requestId: row.id, kind: 'reject', fromStatus: 'submitted', toStatus: 'rejected', actorName: '社区工作人员', note: '不属于社区受理范围，已告知居民咨询渠道', at: hours(2) });
  if (reached('accepted')) events.push({ requestId: row.id, kind: 'accept', fromStatus: 'submitted', toStatus: 'accepted', actorName: '社区工作人员', at: hours(0.5) });
  if (reached('assigned')) events.push({ requestId: row.id, kind: 'assign', fromStatus: 'accepted', toStatus: 'assigned', actorName: '社区工作人员', at: assignedAt, details: { owner: owner.name ?? row.ownerUnit, deadline: deadline?.toISOString() } });
  if (reached('in_progress')) events.push({ requestId: row.id, kind: 'start', fromStatus: 'assigned', toStatus: 'in_progress', actorName: owner.name ?? row.ownerUnit, at: hours(13) });
  if (resolvedAt) events.push({ requestId: row.id, kind: 'resolve', fromStatus: 'in_progress', toStatus: 'resolved', actorName: owner.name ?? row.ownerUnit, note: row.result, at: resolvedAt, details: { onTime } });
  if (satisfaction) events.push({ requestId: row.id, kind: 'follow-up', fromStatus: 'resolved', toStatus: 'followed_up', actorName: '社区工作人员', at: row.followedUpAt!, details: { method: 'call', satisfaction } });
  if (status === 'closed') events.push({ requestId: row.id, kind: 'close', fromStatus: 'followed_up', toStatus: 'closed', actorName: '社区工作人员', at: row.closedAt! });
  for (const e of events) await repo.insertEvent(db, e);
  const base = { placePath: grid.path, categoryCode: category.code, triage };
  const open = status !== 'closed' && status !== 'rejected';
  const deltas: repo.StatDelta[] = [{ ...base, day: chinaDay(createdAt), received: 1, openDelta: open ? 1 : 0, overdueDelta: row.dueState === 'overdue' ? 1 : 0 }];
  if (resolvedAt) deltas.push({ ...base, day: chinaDay(resolvedAt), resolved: 1, resolvedOnTime: onTime ? 1 : 0, handlingSeconds: Math.round((resolvedAt.getTime() - createdAt.getTime()) / 1000) });
  if (satisfaction) deltas.push({ ...base, day: chinaDay(row.followedUpAt!), followedUp: 1, satisfactionSum: satisfaction });
  await repo.insertStatDeltas(db, deltas);
}

const STEP_ORDER: readonly RequestStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'followed_up', 'closed'];

/** The bounding box of any GeoJSON coordinate nesting. */
function boxOf(coordinates: unknown) {
  const box = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity };
  const visit = (value: unknown) => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      box.w = Math.min(box.w, value[0]);
      box.e = Math.max(box.e, value[0]);
      box.s = Math.min(box.s, value[1]);
      box.n = Math.max(box.n, value[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  visit(coordinates);
  return box;
}
