import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { VolunteerStats } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { COLOUR_HEX, useServiceLabels } from '../service-labels';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** A chart that follows its container's size and is disposed with the component. */
function EChart({ option, height, testId }: { option: Option; height: number; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} style={{ height }} data-testid={testId} />;
}

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
