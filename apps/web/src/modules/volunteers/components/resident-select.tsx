import { useState, type CSSProperties } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { residentsApi } from '../../../api/residents-endpoints';
import type { Resident } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { useDebounced } from '../../requests/queries';

export interface ResidentSelectProps {
  value?: string;
  onChange?: (value: string | undefined, resident: Resident | undefined) => void;
  placeholder?: string;
  /** Shown for a value chosen elsewhere (e.g. from the address bar) until the list has it. */
  valueLabel?: string;
  autoFocus?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Finds a resident in the register by name (or pinyin initials) in the user's scope; the value is the resident id. */
export function ResidentSelect({ value, onChange, placeholder, valueLabel, autoFocus, style, id, ...rest }: ResidentSelectProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [picked, setPicked] = useState<Resident | undefined>();
  const found = useQuery({
    queryKey: ['residents', 'list', 'pick', q],
    queryFn: () => residentsApi.list({ q, status: 'active', sort: 'name', order: 'asc', limit: 20 }),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  const items = found.data?.items ?? [];
  const options: { value: string; label: string; resident?: Resident }[] = [...(picked && !items.some((r) => r.id === picked.id) ? [picked] : []), ...items].map((r) => ({
    value: r.id,
    label: r.name,
    resident: r,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: valueLabel ?? '…' });

  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      autoFocus={autoFocus}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={placeholder ?? t('svc.residentSearch')}
      style={{ width: '100%', ...style }}
      loading={found.isFetching}
      notFoundContent={q ? (found.isFetching ? t('common.loading') : t('svc.residentNone')) : t('svc.residentTypeName')}
      options={options}
      optionRender={(option) => {
        const r = option.data.resident;
        if (!r) return option.label;
        return (
          <div className="gw-svc-resident-option" data-testid="resident-option">
            <span>{r.name}</span>
            <Typography.Text type="secondary">
              {[r.householdName, t('svc.age', { age: r.age }), r.phone].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        );
      }}
      onChange={(v: string | undefined, option) => {
        const r = option && !Array.isArray(option) ? (option as { resident?: Resident }).resident : undefined;
        setPicked(r);
        onChange?.(v, r);
      }}
    />
  );
}
