import { useMemo } from 'react';
import { EChart, type ChartOption as Option } from '../../../shared/echart';
import type { VolunteerStats } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { COLOUR_HEX, useServiceLabels } from '../service-labels';

/** Events per service colour, each slice in its colour. */
export function ColourChart({ rows }: { rows: VolunteerStats['eventsByColour'] }) {
  const { t } = useI18n();
  const labels = useServiceLabels();
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: t('svc.stats.events'),
          radius: ['42%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}' },
          data: rows.map((r) => ({ name: labels.colour(r.colour), value: r.count, itemStyle: { color: COLOUR_HEX[r.colour] ?? '#bfbfbf' } })),
        },
      ],
    }),
    [rows, t, labels],
  );
  return <EChart option={option} height={300} testId="volunteer-stats-colour-chart" />;
}

/** Events per type, as bars. */
export function TypeChart({ rows }: { rows: VolunteerStats['eventsByType'] }) {
  const { t } = useI18n();
  const labels = useServiceLabels();
  const option = useMemo<Option>(
    () => ({
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((r) => labels.eventType(r.type)), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [{ type: 'bar', name: t('svc.stats.events'), barMaxWidth: 36, itemStyle: { color: '#c8102e', borderRadius: [3, 3, 0, 0] }, data: rows.map((r) => r.count) }],
    }),
    [rows, t, labels],
  );
  return <EChart option={option} height={300} testId="volunteer-stats-type-chart" />;
}
