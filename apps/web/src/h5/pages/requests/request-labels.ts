/** Labels and colours of request and wish enumerations on the phone. */
import { REQUEST_ACTION_LABELS, REQUEST_ACTIONS, REQUEST_STATUS_LABELS, URGENCY_LABELS, WISH_STATUS_LABELS } from '@gridwork/contracts';
import type { RequestAction, RequestEventKind, RequestStatus, Urgency, WishStatus } from '../../../api/requests-types';
import { useI18n, type MessageKey } from '../../../i18n';

/** Events the system records by itself have no action label in the contracts. */
const EVENT_KEYS: Partial<Record<RequestEventKind, MessageKey>> = {
  create: 'h5r.event.create',
  triage: 'h5r.event.triage',
  note: 'h5r.event.note',
  'due-soon': 'h5r.event.due-soon',
  overdue: 'h5r.event.overdue',
};

/** Waiting (orange), being worked (blue), done well (green), ended (grey), refused (red). */
export const STATUS_COLORS: Record<RequestStatus, string> = {
  submitted: '#fa8c16',
  accepted: '#1677ff',
  assigned: '#1677ff',
  in_progress: '#1677ff',
  resolved: '#00b578',
  followed_up: '#00b578',
  closed: '#8a919f',
  rejected: '#c8102e',
};

export const WISH_COLORS: Record<WishStatus, string> = {
  open: '#fa8c16',
  claimed: '#1677ff',
  fulfilled: '#00b578',
  confirmed: '#00b578',
  cancelled: '#8a919f',
};

export const URGENCY_COLORS: Record<Urgency, string> = { normal: '#8a919f', urgent: '#fa8c16', critical: '#c8102e' };

const RATING_KEYS: readonly MessageKey[] = ['h5r.rating.1', 'h5r.rating.2', 'h5r.rating.3', 'h5r.rating.4', 'h5r.rating.5'];

function isAction(kind: RequestEventKind): kind is RequestAction {
  return (REQUEST_ACTIONS as readonly string[]).includes(kind);
}

export function useRequestLabels() {
  const { locale, t } = useI18n();
  return {
    status: (s: RequestStatus) => REQUEST_STATUS_LABELS[s][locale],
    urgency: (u: Urgency) => URGENCY_LABELS[u][locale],
    wishStatus: (s: WishStatus) => WISH_STATUS_LABELS[s][locale],
    event: (kind: RequestEventKind) => {
      if (isAction(kind)) return REQUEST_ACTION_LABELS[kind][locale];
      const key = EVENT_KEYS[kind];
      return key ? t(key) : kind;
    },
    rating: (n: number) => {
      const key = RATING_KEYS[n - 1];
      return key ? t(key) : '';
    },
  };
}
