/** Labels and colours of the volunteer-service enumerations on the phone. */
import { DEFAULT_SERVICE_COLOURS, EVENT_TYPE_LABELS } from '@gridwork/contracts';
import type { AttendanceStatus, EventType, PointsEntryKind, RedemptionStatus } from '../../../api/service-types';
import { useI18n, type MessageKey } from '../../../i18n';

/** The service colour tags (四彩); a deployment's own code gets blue. */
const COLOUR_HEX: Readonly<Record<string, string>> = { red: '#c8102e', orange: '#fa8c16', green: '#00b578', silver: '#8c8c8c', purple: '#722ed1' };
export const colourHex = (code: string) => COLOUR_HEX[code] ?? '#1677ff';

export const EVENT_TYPE_COLORS: Readonly<Record<EventType, string>> = {
  volunteer_service: '#c8102e',
  lecture: '#1677ff',
  culture_sports: '#00b578',
  theme_day: '#fa8c16',
};

export const REDEMPTION_COLORS: Readonly<Record<RedemptionStatus, string>> = { reserved: '#fa8c16', picked_up: '#00b578', cancelled: '#8a919f' };

export const KIND_COLORS: Readonly<Record<PointsEntryKind, string>> = { earn: '#00b578', spend: '#1677ff', adjust: '#fa8c16', expire: '#8a919f', reverse: '#8a919f' };

const KIND_KEYS: Readonly<Record<PointsEntryKind, MessageKey>> = {
  earn: 'h5s.kind.earn',
  spend: 'h5s.kind.spend',
  adjust: 'h5s.kind.adjust',
  expire: 'h5s.kind.expire',
  reverse: 'h5s.kind.reverse',
};

const SOURCE_KEYS: Readonly<Record<string, MessageKey>> = {
  'event-attendance': 'h5s.source.event-attendance',
  redemption: 'h5s.source.redemption',
  'redemption-cancel': 'h5s.source.redemption-cancel',
  'staff-adjustment': 'h5s.source.staff-adjustment',
  expiry: 'h5s.source.expiry',
  reversal: 'h5s.source.reversal',
};

const REDEMPTION_KEYS: Readonly<Record<RedemptionStatus, MessageKey>> = {
  reserved: 'h5s.redemptionStatus.reserved',
  picked_up: 'h5s.redemptionStatus.picked_up',
  cancelled: 'h5s.redemptionStatus.cancelled',
};

const ATTENDANCE_KEYS: Readonly<Record<AttendanceStatus, MessageKey>> = {
  checked_in: 'h5s.attendanceStatus.checked_in',
  checked_out: 'h5s.attendanceStatus.checked_out',
  confirmed: 'h5s.attendanceStatus.confirmed',
};

/** Localized labels of the service enumerations. */
export function useServiceLabels() {
  const { t, locale } = useI18n();
  return {
    eventType: (type: EventType) => EVENT_TYPE_LABELS[type]?.[locale] ?? type,
    colour: (code: string) => DEFAULT_SERVICE_COLOURS.find((c) => c.code === code)?.label[locale] ?? code,
    kind: (kind: PointsEntryKind) => t(KIND_KEYS[kind]),
    source: (source: string) => (SOURCE_KEYS[source] ? t(SOURCE_KEYS[source]) : source),
    redemptionStatus: (status: RedemptionStatus) => t(REDEMPTION_KEYS[status]),
    attendanceStatus: (status: AttendanceStatus) => t(ATTENDANCE_KEYS[status]),
  };
}

/** Hours as people say them: 2, 2.5. */
export const formatHours = (hours: number) => String(Math.round(hours * 10) / 10);

/** "3月14日 09:00–11:30", or both ends in full when the event spans days. */
export function useEventTime() {
  const { locale } = useI18n();
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', weekday: 'short' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  return (startsAt: string, endsAt: string) => {
    const from = new Date(startsAt);
    const to = new Date(endsAt);
    if (from.toDateString() === to.toDateString()) return `${day.format(from)} ${time.format(from)}–${time.format(to)}`;
    return `${day.format(from)} ${time.format(from)} – ${day.format(to)} ${time.format(to)}`;
  };
}
