/** Display names and colours of the requests capability's enumerations, in the UI locale. */
import { useMemo } from 'react';
import {
  CHANNEL_LABELS,
  REQUEST_ACTION_LABELS,
  REQUEST_STATUS_LABELS,
  ROLES,
  TRIAGE_LABELS,
  URGENCY_LABELS,
  WISH_STATUS_LABELS,
} from '@gridwork/contracts';
import type { Role } from '@gridwork/contracts';
import type { DueState, RequestAction, RequestChannel, RequestEventKind, RequestStatus, Triage, Urgency, WishStatus } from '../../api/requests-types';
import { useI18n, type MessageKey } from '../../i18n';

export const STATUS_COLORS: Record<RequestStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  assigned: 'geekblue',
  in_progress: 'processing',
  resolved: 'success',
  followed_up: 'cyan',
  closed: 'default',
  rejected: 'magenta',
};

export const TRIAGE_COLORS: Record<Triage, string> = { major: 'volcano', minor: 'blue', private: 'green' };
export const URGENCY_COLORS: Record<Urgency, string | undefined> = { normal: undefined, urgent: 'orange', critical: 'red' };
export const DUE_COLORS: Record<DueState, string | undefined> = { none: undefined, on_track: undefined, due_soon: 'orange', overdue: 'red' };

/** Channels a worker records by hand at the admin site (the others arrive by themselves). */
export const DESK_CHANNELS = ['counter', 'phone', 'patrol'] as const satisfies readonly RequestChannel[];

/** History kinds that are not user actions (those come from REQUEST_ACTION_LABELS). */
const SYSTEM_EVENT_KEYS: Record<Exclude<RequestEventKind, RequestAction>, MessageKey> = {
  create: 'req.event.create',
  triage: 'req.event.triage',
  note: 'req.event.note',
  'due-soon': 'req.event.dueSoon',
  overdue: 'req.event.overdue',
};

export const DUE_KEYS: Record<DueState, MessageKey> = {
  none: 'req.due.none',
  on_track: 'req.due.on_track',
  due_soon: 'req.due.due_soon',
  overdue: 'req.due.overdue',
};

function isAction(kind: RequestEventKind): kind is RequestAction {
  return kind in REQUEST_ACTION_LABELS;
}

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Label lookups bound to the current locale. */
export function useRequestLabels() {
  const { locale, t, roleLabel } = useI18n();
  return useMemo(
    () => ({
      status: (s: RequestStatus) => REQUEST_STATUS_LABELS[s][locale],
      action: (a: RequestAction) => REQUEST_ACTION_LABELS[a][locale],
      triage: (x: Triage) => TRIAGE_LABELS[x][locale],
      urgency: (u: Urgency) => URGENCY_LABELS[u][locale],
      channel: (c: RequestChannel) => CHANNEL_LABELS[c][locale],
      wishStatus: (w: WishStatus) => WISH_STATUS_LABELS[w][locale],
      due: (d: DueState) => t(DUE_KEYS[d]),
      event: (k: RequestEventKind) => (isAction(k) ? REQUEST_ACTION_LABELS[k][locale] : t(SYSTEM_EVENT_KEYS[k])),
      role: (r: string) => (isRole(r) ? roleLabel(r) : r),
    }),
    [locale, t, roleLabel],
  );
}

export type RequestLabels = ReturnType<typeof useRequestLabels>;
