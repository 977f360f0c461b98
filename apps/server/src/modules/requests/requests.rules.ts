import type { RequestAction, RequestCategory, RequestStatus, SlaHours, Triage, TriageSuggestion, Urgency } from '@gridwork/contracts';

/** Where each action may start from and where it leads (null: the status does not change). */
export const TRANSITIONS: Readonly<Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus | null }>> = {
  accept: { from: ['submitted'], to: 'accepted' },
  assign: { from: ['submitted', 'accepted'], to: 'assigned' },
  start: { from: ['assigned'], to: 'in_progress' },
  resolve: { from: ['assigned', 'in_progress'], to: 'resolved' },
  'follow-up': { from: ['resolved'], to: 'followed_up' },
  close: { from: ['followed_up'], to: 'closed' },
  reject: { from: ['submitted', 'accepted'], to: 'rejected' },
  reopen: { from: ['resolved', 'followed_up'], to: 'assigned' },
  transfer: { from: ['assigned', 'in_progress'], to: 'assigned' },
  escalate: { from: ['submitted', 'accepted', 'assigned', 'in_progress'], to: null },
};

/** A follow-up rated at or below this counts as unsatisfied and allows reopening. */
export const UNSATISFIED_AT_MOST = 3;

/** What the viewer is to this request; decides who may take which action. */
export interface ActorRelation {
  readonly manages: boolean;
  readonly handles: boolean;
  readonly isOwner: boolean;
  readonly followsUp: boolean;
  readonly isReporter: boolean;
}

export interface RequestState {
  readonly status: RequestStatus;
  readonly satisfaction: number | null;
}

function roleAllows(action: RequestAction, who: ActorRelation): boolean {
  switch (action) {
    case 'accept':
    case 'assign':
    case 'reject':
    case 'close':
    case 'reopen':
    case 'transfer':
      return who.manages;
    case 'start':
    case 'resolve':
      return who.manages || (who.handles && who.isOwner);
    case 'escalate':
      return who.manages || (who.handles && who.isOwner);
    case 'follow-up':
      return who.followsUp || who.isReporter;
  }
}

export function transitionProblem(action: RequestAction, state: RequestState): 'transition_not_allowed' | null {
  if (!TRANSITIONS[action].from.includes(state.status)) return 'transition_not_allowed';
  if (action === 'reopen' && state.status === 'followed_up' && (state.satisfaction ?? 0) > UNSATISFIED_AT_MOST) return 'transition_not_allowed';
  return null;
}

export function allowedActions(state: RequestState, who: ActorRelation): RequestAction[] {
  return (Object.keys(TRANSITIONS) as RequestAction[]).filter((action) => transitionProblem(action, state) === null && roleAllows(action, who));
}

export function mayAct(action: RequestAction, who: ActorRelation): boolean {
  return roleAllows(action, who);
}

export function deadlineFrom(start: Date, sla: SlaHours, urgency: Urgency): Date {
  return new Date(start.getTime() + sla[urgency] * 3_600_000);
}

/** Words that point at a community-wide matter (大事) or at a personal one (私事). */
const MAJOR_HINTS = ['加装电梯', '电梯', '停车', '改造', '全体', '整个小区', '多户', '全楼', '公共', '集体', '规划', '拆', '噪音扰民'];
const PRIVATE_HINTS = ['我家', '家里', '个人', '独居', '孩子', '看病', '代购', '陪护', '低保', '就业', '邻居家'];

/**
 * 三事分流 suggestion: the category's default, moved by words in the text. Staff confirm or change
 * it; the reason tells them why this was suggested.
 */
export function suggestTriage(category: Pick<RequestCategory, 'name' | 'defaultTriage' | 'keywords'>, text: string): TriageSuggestion {
  const hit = (words: readonly string[]) => words.find((w) => text.includes(w));
  const keyword = hit(category.keywords);
  const major = hit(MAJOR_HINTS);
  const personal = hit(PRIVATE_HINTS);
  if (major && category.defaultTriage !== 'major') return { triage: 'major', reason: `描述提到“${major}”，可能涉及全体居民，建议按大事提交议事会` };
  if (personal && !major && category.defaultTriage === 'minor') return { triage: 'private', reason: `描述提到“${personal}”，可能是个人事务，建议由网格团队帮办` };
  const why = keyword ? `，描述含关键词“${keyword}”` : '';
  return { triage: category.defaultTriage, reason: `按类别“${category.name}”的默认分流${why}` };
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** A lat/lng box that holds every point within `metres` of the centre. */
export function boxAround(centre: { lng: number; lat: number }, metres: number) {
  const dLat = metres / 111_320;
  const dLng = metres / (111_320 * Math.max(Math.cos((centre.lat * Math.PI) / 180), 0.01));
  return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLng: centre.lng - dLng, maxLng: centre.lng + dLng };
}

const REDACTIONS: readonly [RegExp, string][] = [
  [/\d{17}[\dXx]|\d{15}/g, '[证件号]'],
  [/1[3-9]\d{9}/g, '[手机号]'],
  [/0\d{2,3}-?\d{7,8}/g, '[电话]'],
  // 3栋2单元301室, 5号楼1201: an exact household address.
  [/\d+\s*(?:栋|幢|号楼|座)\s*(?:\d+\s*单元)?\s*\d*\s*(?:室|号|户)?/g, '[门牌]'],
  [/\d+\s*单元\s*\d+\s*(?:室|号)?/g, '[门牌]'],
  [/\d{3,4}\s*(?:室|户)/g, '[门牌]'],
];

/** The echo wall's text: no ID numbers, phones, exact addresses or the names the request carries. */
export function redactForPublic(text: string, names: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const name of names) if (name && name.trim().length >= 2) out = out.split(name.trim()).join(`${name.trim()[0]}某`);
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out;
}

export function triageOrDefault(explicit: Triage | undefined, suggestion: TriageSuggestion): { triage: Triage; confirmed: boolean } {
  return explicit ? { triage: explicit, confirmed: true } : { triage: suggestion.triage, confirmed: false };
}

