import { Tag } from 'antd';
import type { EnrolmentState, HoursStatus, ServicePostKind } from '@gridwork/contracts';
import type { MessageKey } from '../../i18n/messages';

/** Query keys: every enrolment and service post query starts with one of these, so a change refreshes them all. */
export const ENROLMENTS_KEY = ['enrolments'] as const;
export const SERVICE_POSTS_KEY = ['service-posts'] as const;

export const POST_KIND_KEYS: Readonly<Record<ServicePostKind, MessageKey>> = {
  policy_publicity: 'posts.kind.policy_publicity',
  dispute_mediation: 'posts.kind.dispute_mediation',
  civility_persuasion: 'posts.kind.civility_persuasion',
  epidemic_duty: 'posts.kind.epidemic_duty',
  elderly_care: 'posts.kind.elderly_care',
  other: 'posts.kind.other',
};

const POST_KIND_COLOURS: Readonly<Record<ServicePostKind, string>> = {
  policy_publicity: 'red',
  dispute_mediation: 'purple',
  civility_persuasion: 'green',
  epidemic_duty: 'volcano',
  elderly_care: 'orange',
  other: 'default',
};

export const ENROLMENT_STATE_KEYS: Readonly<Record<EnrolmentState, MessageKey>> = {
  pending: 'enrol.state.pending',
  approved: 'enrol.state.approved',
  rejected: 'enrol.state.rejected',
};

export const HOURS_STATUS_KEYS: Readonly<Record<HoursStatus, MessageKey>> = {
  pending: 'posts.hours.status.pending',
  confirmed: 'posts.hours.status.confirmed',
  rejected: 'posts.hours.status.rejected',
};

export const STATE_COLOURS: Readonly<Record<EnrolmentState | HoursStatus, string>> = { pending: 'gold', approved: 'green', confirmed: 'green', rejected: 'default' };

export function PostKindTag({ kind, label }: { kind: ServicePostKind; label: string }) {
  return <Tag color={POST_KIND_COLOURS[kind]}>{label}</Tag>;
}
