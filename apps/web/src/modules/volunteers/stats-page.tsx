import './service.css';
import { Card, Col, Empty, Row, Spin, Statistic } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { volunteersApi } from '../../api/service-endpoints';
import { useI18n, type MessageKey } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PlacePeriodFilter, usePlacePeriod } from '../../admin/components/place-period-filter';
import { PageHeader } from '../../admin/components/page-header';
import { ColourChart, TypeChart } from './components/service-charts';

const percent = (v: number) => Math.round(v * 1000) / 10;
/** A day in the user's zone, as the offset date-time the API expects. */
const startOf = (day: string | undefined) => (day ? dayjs(day).startOf('day').format() : undefined);
const endOf = (day: string | undefined) => (day ? dayjs(day).add(1, 'day').startOf('day').format() : undefined);

/** 志愿服务统计: volunteers, active share, hours, events by colour and type, points issued — per place and period. */
export function VolunteerStatsPage() {
  const { t } = useI18n();
  const period = usePlacePeriod();
  const { placeId, from, to } = period;

  const stats = useQuery({
    queryKey: ['volunteers', 'stats', placeId, from, to],
    queryFn: () => volunteersApi.stats({ placeId, from: startOf(from), to: endOf(to) }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const s = stats.data;

  const figures: { key: MessageKey; value: number | string; suffix?: string; precision?: number; testId: string }[] = s
    ? [
        { key: 'svc.stats.volunteers', value: s.volunteers, testId: 'volunteers' },
        { key: 'svc.stats.active', value: s.activeVolunteers, testId: 'active' },
        { key: 'svc.stats.activeShare', value: percent(s.activeShare), suffix: '%', precision: 1, testId: 'active-share' },
        { key: 'svc.stats.hours', value: s.hours, precision: 1, testId: 'hours' },
        { key: 'svc.stats.hoursPerVolunteer', value: s.hoursPerVolunteer, precision: 1, suffix: t('svc.stats.hourUnit'), testId: 'hours-per-volunteer' },
        { key: 'svc.stats.events', value: s.events, testId: 'events' },
        { key: 'svc.stats.pointsIssued', value: s.pointsIssued, testId: 'points-issued' },
        { key: 'svc.stats.pointsSpent', value: s.pointsSpent, testId: 'points-spent' },
      ]
    : [];

  return (
    <div data-testid="volunteer-stats">
      <PageHeader
        title={t('nav.volunteerStats')}
        description={s ? t('svc.stats.description', { from: dayjs(s.from).format('YYYY-MM-DD'), to: dayjs(s.to).subtract(1, 'second').format('YYYY-MM-DD') }) : t('svc.stats.descriptionDefault')}
        extra={<PlacePeriodFilter value={period} placeholder={t('svc.stats.pickPlace')} queryKey={['volunteers', 'stats']} testIdPrefix="volunteer-stats" />}
      />
      {stats.isPending ? (
        <Spin className="gw-loading" />
      ) : stats.isError || !s ? (
        <Card>
          <Empty description={errorText(stats.error)} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} data-testid="volunteer-stats-figures">
            {figures.map((f) => (
              <Col key={f.key} xs={12} md={6} xl={6} xxl={3}>
                <Card size="small">
                  <Statistic title={t(f.key)} value={f.value} precision={typeof f.value === 'number' ? f.precision : undefined} suffix={f.suffix} data-testid={`volunteer-stats-${f.testId}`} />
                </Card>
              </Col>
            ))}
          </Row>
          {s.events === 0 ? (
            <Card className="gw-svc-gap">
              <Empty description={t('svc.stats.none')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]} className="gw-svc-gap">
              <Col xs={24} xl={10}>
                <Card title={t('svc.stats.byColour')}>
                  <ColourChart rows={s.eventsByColour} />
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card title={t('svc.stats.byType')}>
                  <TypeChart rows={s.eventsByType} />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </div>
  );
}
