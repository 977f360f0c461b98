import { chinaDay } from '../../platform/china-time';
import type { DimensionTotals, ScoreDimension, ScoreSource } from '@gridwork/contracts';

/** Scores count by calendar year in China time: 1 January 01:00 in Beijing is still 31 December in UTC. */
export function scoreYearOf(at: Date): number {
  return Number(chinaDay(at).slice(0, 4));
}

export const DIMENSION_LABELS: Readonly<Record<ScoreDimension, string>> = {
  party_spirit: '党性修养',
  purpose: '宗旨意识',
  organisation: '组织观念',
  vanguard: '先锋形象',
};

export const SOURCE_LABELS: Readonly<Record<ScoreSource, string>> = {
  'org-life-session': '组织生活',
  'service-post-claim': '服务岗位',
  enrolment: '到社区报到',
  wish: '微心愿',
  request: '群众诉求',
  'study-material': '学习教育',
  'quiz-attempt': '知识测试',
  manual: '人工录入',
};

/**
 * What the points came from, in words: the kind of source and the reason, which names the event
 * (topic, wish title, reference). Features that already start their reason with the kind are not
 * prefixed twice.
 */
export function sourceLabelOf(sourceType: ScoreSource, reason: string): string {
  const kind = SOURCE_LABELS[sourceType];
  return reason.startsWith(kind) ? reason : `${kind}：${reason}`;
}

/** A manual entry may differ in size from the item, never in direction: a deduction stays a deduction. */
export function signMatches(itemPoints: number, points: number): boolean {
  return Math.sign(itemPoints) === Math.sign(points);
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export function emptyTotals(): DimensionTotals {
  return { party_spirit: 0, purpose: 0, organisation: 0, vanguard: 0 };
}

/** Approved points per dimension and in all. */
export function totalsOf(entries: readonly { dimension: ScoreDimension; points: number; status: string }[]): { total: number; dimensions: DimensionTotals } {
  const dimensions = emptyTotals();
  for (const e of entries) if (e.status === 'approved') dimensions[e.dimension] = round1(dimensions[e.dimension] + e.points);
  return { total: round1(Object.values(dimensions).reduce((a, b) => a + b, 0)), dimensions };
}
