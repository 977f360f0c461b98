import dayjs from 'dayjs';
import type { Event } from '../../api/service-types';
import { useI18n } from '../../i18n';

/** The time of an event on one line: the start, and the end's time alone when it ends the same day. */
export function useEventTime() {
  const { formatDateTime } = useI18n();
  return (e: Pick<Event, 'startsAt' | 'endsAt'>) =>
    dayjs(e.startsAt).isSame(dayjs(e.endsAt), 'day') ? `${formatDateTime(e.startsAt)} – ${dayjs(e.endsAt).format('HH:mm')}` : `${formatDateTime(e.startsAt)} – ${formatDateTime(e.endsAt)}`;
}
