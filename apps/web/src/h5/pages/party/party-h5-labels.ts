import type { EnrolmentState, HoursStatus, ServicePostKind } from '@gridwork/contracts';

/** antd-mobile tag colours of an enrolment's and an hours entry's state. */
export const ENROLMENT_STATE_COLORS: Readonly<Record<EnrolmentState, string>> = { pending: 'warning', approved: 'success', rejected: 'default' };
export const HOURS_STATUS_COLORS: Readonly<Record<HoursStatus, string>> = { pending: 'warning', confirmed: 'success', rejected: 'default' };
export const POST_KIND_COLORS: Readonly<Record<ServicePostKind, string>> = {
  policy_publicity: '#c8102e',
  dispute_mediation: '#722ed1',
  civility_persuasion: '#00b578',
  epidemic_duty: '#fa541c',
  elderly_care: '#fa8c16',
  other: '#8a919f',
};
