import { useMemo } from 'react';
import { EChart, type ChartOption as Option } from '../../../shared/echart';
import type { RequestStats } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useRequestLabels } from '../labels';

const TRIAGE_HEX = { major: '#d4380d', minor: '#1677ff', private: '#389e0d' } as const;

/** Received and resolved per category, as horizontal bars (long Chinese names read well). */
export function CategoryChart({ rows }: { rows: RequestStats['byCategory'] }) {
  const { t } = useI18n();
  const ordered = useMemo(() => [...rows].sort((a, b) => a.received - b.received), [rows]);
  const option = useMemo<Option>(() => ({
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [t('req.stats.received'), t('req.stats.resolved')] },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisTick: { show: false } },
    series: [
      { type: 'bar', name: t('req.stats.received'), barMaxWidth: 16, itemStyle: { color: '#c8102e', borderRadius: [0, 3, 3, 0] }, data: ordered.map((r) => r.received) },
      { type: 'bar', name: t('req.stats.resolved'), barMaxWidth: 16, itemStyle: { color: '#52c41a', borderRadius: [0, 3, 3, 0] }, data: ordered.map((r) => r.resolved) },
    ],
  }), [ordered, t]);
  return <EChart option={option} height={Math.max(220, ordered.length * 44 + 48)} testId="request-stats-category-chart" />;
}

/** 三事分流 shares of the requests received. */
export function TriageChart({ rows }: { rows: RequestStats['byTriage'] }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const option = useMemo<Option>(() => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        name: t('req.stats.received'),
        radius: ['42%', '70%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: rows.map((r) => ({ name: labels.triage(r.triage), value: r.received, itemStyle: { color: TRIAGE_HEX[r.triage] } })),
      },
    ],
  }), [rows, t, labels]);
  return <EChart option={option} height={300} testId="request-stats-triage-chart" />;
}
