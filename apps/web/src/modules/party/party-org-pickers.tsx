import { useMemo } from 'react';
import { Select, TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { PARTY_ORG_TYPES, type PartyOrg, type PartyOrgType } from '@gridwork/contracts';
import { partyApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';

/** Every party org the viewer can read, top level first; under the ['party-orgs'] key so org edits refresh it. */
export function usePartyOrgsInScope() {
  return useQuery({
    queryKey: ['party-orgs', 'in-scope'],
    queryFn: async (): Promise<PartyOrg[]> => {
      const all: PartyOrg[] = [];
      for (const type of PARTY_ORG_TYPES) all.push(...(await partyApi.list({ type, limit: 500 })).items);
      return all;
    },
    staleTime: 60_000,
  });
}

interface PickerProps<V> {
  value?: V;
  onChange?: (value: V | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  width?: number | string;
  testId?: string;
}

/** A searchable flat choice of one or several orgs (of the given kinds), labelled with their kind (党支部 / 党小组 …). */
export function PartyOrgSelect<V extends string | string[] = string>({ types, multiple, value, onChange, placeholder, allowClear, width, testId }: PickerProps<V> & { types?: readonly PartyOrgType[]; multiple?: boolean }) {
  const { partyOrgTypeLabel } = useI18n();
  const orgs = usePartyOrgsInScope();
  const options = (orgs.data ?? []).filter((o) => !types || types.includes(o.type)).map((o) => ({ value: o.id, label: `${o.name}（${partyOrgTypeLabel(o.type)}）` }));
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      allowClear={allowClear}
      value={value}
      onChange={(v: V | undefined) => onChange?.(v)}
      placeholder={placeholder}
      loading={orgs.isLoading}
      style={{ width: width ?? '100%' }}
      optionFilterProp="label"
      options={options}
      data-testid={testId}
    />
  );
}

interface OrgNode {
  value: string;
  title: string;
  children: OrgNode[];
}

/** The org tree as a searchable tree select; orgs whose parent the viewer cannot see show at the top. */
export function PartyOrgTreeSelect({ value, onChange, placeholder, allowClear = true, width, testId, withMemberCounts }: PickerProps<string> & { withMemberCounts?: boolean }) {
  const { t } = useI18n();
  const orgs = usePartyOrgsInScope();
  const treeData = useMemo(() => {
    const list = orgs.data ?? [];
    const nodes = new Map<string, OrgNode>(list.map((o) => [o.id, { value: o.id, title: withMemberCounts ? `${o.name}（${t('pm.memberCountShort', { count: o.memberCount })}）` : o.name, children: [] }]));
    const roots: OrgNode[] = [];
    for (const o of list) {
      const parent = o.parentId ? nodes.get(o.parentId) : undefined;
      (parent ? parent.children : roots).push(nodes.get(o.id)!);
    }
    return roots;
  }, [orgs.data, t, withMemberCounts]);
  return (
    <TreeSelect
      showSearch
      allowClear={allowClear}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      placeholder={placeholder}
      loading={orgs.isLoading}
      treeData={treeData}
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      style={{ width: width ?? '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
