import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Horizontal bars: how many people each care group holds in the chosen place. */
export function CareTotalsChart({
  totals,
  colorOf,
  countLabel,
}: {
  totals: readonly { code: string; name: string; count: number }[];
  /** Bar colour (hex) of a care group. */
  colorOf: (code: string) => string;
  countLabel: string;
}) {
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
    const rows = [...totals].reverse();
    const option: Option = {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: countLabel,
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
          data: rows.map((r) => ({ value: r.count, itemStyle: { color: colorOf(r.code), borderRadius: [0, 4, 4, 0] } })),
        },
      ],
    };
    chart.current?.setOption(option, true);
  }, [totals, colorOf, countLabel]);

  return <div ref={ref} className="gw-care-chart" style={{ height: Math.max(180, totals.length * 36 + 24) }} data-testid="care-chart" />;
}
