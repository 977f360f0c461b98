import {
  FREQUENCY_PERIOD_LABELS,
  ORG_LIFE_SESSION_STATUS_LABELS,
  ORG_LIFE_SESSION_TYPE_LABELS,
  ORG_LIFE_SESSION_TYPES,
  SESSION_ATTENDANCE_STATUS_LABELS,
  type FrequencyPeriod,
  type Locale,
  type OrgLifeSessionStatus,
  type OrgLifeSessionType,
  type PartyOrgType,
  type SessionAttendanceStatus,
} from '@gridwork/contracts';

/** Tag colours of a session's status. */
/** Orgs that hold sessions (community committees, branches, groups). */
export const SESSION_ORG_TYPES: readonly PartyOrgType[] = ['community_committee', 'branch', 'group'];

export const SESSION_STATUS_COLORS: Readonly<Record<OrgLifeSessionStatus, string>> = { planned: 'blue', held: 'green', cancelled: 'default' };

/** Labels of the org-life enums in the UI locale (the texts live in the contracts, shared with exports). */
export function orgLifeLabels(locale: Locale) {
  return {
    type: (t: OrgLifeSessionType) => ORG_LIFE_SESSION_TYPE_LABELS[t][locale],
    status: (s: OrgLifeSessionStatus) => ORG_LIFE_SESSION_STATUS_LABELS[s][locale],
    attendance: (s: SessionAttendanceStatus) => SESSION_ATTENDANCE_STATUS_LABELS[s][locale],
    period: (p: FrequencyPeriod) => FREQUENCY_PERIOD_LABELS[p][locale],
    typeOptions: ORG_LIFE_SESSION_TYPES.map((t) => ({ value: t, label: ORG_LIFE_SESSION_TYPE_LABELS[t][locale] })),
  };
}

/** `2026-03-05 14:30–16:00` in the viewer's zone (the planner works in local time). */
export function sessionTime(startsAt: string, endsAt: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return day(start) === day(end) ? `${day(start)} ${clock(start)}–${clock(end)}` : `${day(start)} ${clock(start)} – ${day(end)} ${clock(end)}`;
}
