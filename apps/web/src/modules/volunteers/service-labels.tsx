/** Display names and colours of the service capability's enumerations (colours, event types, statuses), in the UI locale. */
import { useMemo } from 'react';
import { Tag } from 'antd';
import { DEFAULT_SERVICE_COLOURS, EVENT_STATUS_LABELS, EVENT_TYPE_LABELS, EVENT_TYPES } from '@gridwork/contracts';
import type { EventStatus, EventType } from '../../api/service-types';
import { useI18n } from '../../i18n';

/** 四彩 (and 紫): the colour codes a deployment starts with; any other lower-case code is shown as is. */
export const SERVICE_COLOURS = DEFAULT_SERVICE_COLOURS.map((c) => c.code);

/** Hex of each colour, for tags and charts. */
export const COLOUR_HEX: Record<string, string> = {
  red: '#c8102e',
  orange: '#fa8c16',
  green: '#389e0d',
  silver: '#8c8c8c',
  purple: '#722ed1',
};

export const EVENT_STATUS_COLORS: Record<EventStatus, string> = { draft: 'default', published: 'processing', cancelled: 'error', finished: 'success' };

export function useServiceLabels() {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      colour: (code: string) => DEFAULT_SERVICE_COLOURS.find((c) => c.code === code)?.label[locale] ?? code,
      eventType: (type: EventType | string) => EVENT_TYPE_LABELS[type as EventType]?.[locale] ?? type,
      eventStatus: (status: EventStatus) => EVENT_STATUS_LABELS[status]?.[locale] ?? status,
      colourOptions: SERVICE_COLOURS.map((c) => ({ value: c, label: DEFAULT_SERVICE_COLOURS.find((x) => x.code === c)?.label[locale] ?? c })),
      eventTypeOptions: EVENT_TYPES.map((x) => ({ value: x, label: EVENT_TYPE_LABELS[x][locale] })),
    }),
    [locale],
  );
}

/** The service colour as a small coloured tag (红 / 橙 / 绿 / 银 / 紫). */
export function ColourTag({ colour }: { colour: string }) {
  const labels = useServiceLabels();
  return (
    <Tag color={COLOUR_HEX[colour] ?? 'default'} className="gw-tag-compact" data-testid="service-colour-tag">
      {labels.colour(colour)}
    </Tag>
  );
}
