import { useEffect, useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../api/endpoints';
import { useI18n } from '../../../i18n';

export interface HouseholdSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Label of the current value before the list has it (e.g. the resident's household name). */
  initialLabel?: string | null;
  /** Hide this household (moving a resident away from it). */
  excludeId?: string | null;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** Searches households (by name or room) in the user's scope. */
export function HouseholdSelect({ value, onChange, initialLabel, excludeId, disabled, id, ...rest }: HouseholdSelectProps) {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(input.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [input]);
  const list = useQuery({
    queryKey: ['households', 'search', q],
    queryFn: () => householdsApi.list({ q: q || undefined, limit: 30 }),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });
  const options = useMemo(() => {
    const items = (list.data?.items ?? []).filter((h) => h.id !== excludeId);
    const opts = items.map((h) => ({
      value: h.id,
      label: h.name,
      title: `${h.buildingName} ${h.name}`,
      path: h.buildingName,
      members: h.memberCount,
    }));
    if (value && initialLabel && !opts.some((o) => o.value === value)) {
      opts.unshift({ value, label: initialLabel, title: initialLabel, path: '', members: -1 });
    }
    return opts;
  }, [list.data, excludeId, value, initialLabel]);

  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      disabled={disabled}
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      loading={list.isFetching}
      options={options}
      placeholder={t('res.householdPlaceholder')}
      notFoundContent={list.isFetching ? t('common.loading') : t('res.householdNone')}
      optionRender={(option) => (
        <div className="gw-household-option">
          <div>{option.data.label}</div>
          {option.data.path ? (
            <Typography.Text type="secondary" className="gw-household-option-path">
              {option.data.path}
              {option.data.members >= 0 ? ` · ${t('res.memberCount', { count: option.data.members })}` : ''}
            </Typography.Text>
          ) : null}
        </div>
      )}
      style={{ width: '100%' }}
    />
  );
}
