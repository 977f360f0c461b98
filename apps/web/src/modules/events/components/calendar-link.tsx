import { Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { placesApi } from '../../../api/endpoints';
import { eventsApi } from '../../../api/service-endpoints';
import { useI18n } from '../../../i18n';

/** The community an event belongs to (its own place, or the community above its grid). */
function useCommunityOf(placeId: string) {
  const place = useQuery({ queryKey: ['places', 'detail', placeId], queryFn: () => placesApi.get(placeId), meta: { silent: true } });
  const ancestors = useQuery({
    queryKey: ['places', 'ancestors', placeId],
    queryFn: () => placesApi.ancestors(placeId),
    enabled: Boolean(place.data && place.data.type !== 'community'),
    meta: { silent: true },
  });
  if (place.data?.type === 'community') return place.data;
  return ancestors.data?.find((p) => p.type === 'community');
}

/** 日历订阅: the community's public iCalendar feed, to copy into a calendar app. */
export function CalendarLink({ placeId }: { placeId: string }) {
  const { t } = useI18n();
  const community = useCommunityOf(placeId);
  if (!community) return <Typography.Text type="secondary">—</Typography.Text>;
  const url = eventsApi.calendarUrl(community.id);
  return (
    <Typography.Paragraph
      className="gw-svc-prewrap"
      style={{ marginBottom: 0 }}
      copyable={{ text: url, tooltips: [t('svc.calendarCopy'), t('svc.calendarCopied')] }}
      data-testid="event-calendar-link"
    >
      <Typography.Text type="secondary">{t('svc.calendarOf', { name: community.name })}</Typography.Text>{' '}
      <Typography.Link href={url} target="_blank" rel="noreferrer">
        {url}
      </Typography.Link>
    </Typography.Paragraph>
  );
}
