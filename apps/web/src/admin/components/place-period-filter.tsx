import { DatePicker } from 'antd';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { PlaceTreeSelect } from '../../modules/places/components/place-tree-select';
import { RefreshButton } from './refresh-button';

export interface PlacePeriod {
  readonly placeId?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A statistics page's place and period, kept in the address so a view can be shared or bookmarked. */
export function usePlacePeriod() {
  const [params, setParams] = useSearchParams();
  const current: PlacePeriod = { placeId: params.get('placeId') || undefined, from: params.get('from') || undefined, to: params.get('to') || undefined };
  const set = (next: PlacePeriod) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...current, ...next })) if (v) sp.set(k, v);
    setParams(sp, { replace: true });
  };
  return { ...current, set };
}

interface Props {
  readonly value: ReturnType<typeof usePlacePeriod>;
  readonly placeholder: string;
  /** What the refresh button reloads. */
  readonly queryKey: QueryKey;
  readonly testIdPrefix: string;
}

/** Place tree, date range and refresh, as statistics pages put them in their header. */
export function PlacePeriodFilter({ value, placeholder, queryKey, testIdPrefix }: Props) {
  const queryClient = useQueryClient();
  const { placeId, from, to, set } = value;
  return (
    <>
      <div style={{ width: 240 }}>
        <PlaceTreeSelect value={placeId} onChange={(v) => set({ placeId: v ?? '' })} placeholder={placeholder} data-testid={`${testIdPrefix}-place`} />
      </div>
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD') ?? '', to: range?.[1]?.format('YYYY-MM-DD') ?? '' })}
        data-testid={`${testIdPrefix}-range`}
      />
      <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey })} />
    </>
  );
}
