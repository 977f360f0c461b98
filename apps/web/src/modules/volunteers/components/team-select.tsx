import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useI18n } from '../../../i18n';
import { useAllTeams } from '../queries';
import { useServiceLabels } from '../service-labels';

/** Chooses one or more teams (服务队) in scope, each shown with its colour. */
export function TeamSelect({
  value,
  onChange,
  multiple = false,
  placeholder,
  style,
  id,
  ...rest
}: {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const labels = useServiceLabels();
  const teams = useAllTeams();
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      allowClear
      loading={teams.isLoading}
      placeholder={placeholder ?? t('svc.teamPick')}
      showSearch={{ optionFilterProp: 'label' }}
      style={style}
      notFoundContent={t('svc.teamsEmpty')}
      options={(teams.data ?? []).map((team) => ({ value: team.id, label: t('svc.teamOption', { name: team.name, colour: labels.colour(team.colour) }) }))}
    />
  );
}
