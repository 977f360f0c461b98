import { useMemo, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { placesApi } from '../../../api/endpoints';
import type { Place } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { reportError } from '../../../shared/feedback';

const ROOT = '__root__';

export interface PlaceTreeSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Places that may be chosen (others stay visible to drill through, but disabled). */
  canPick?: (place: Place) => boolean;
  /** A place whose subtree is hidden and which cannot be chosen (moving a place). */
  excludeId?: string;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

/** Chooses a place in the user's scope; children load as the tree is opened. */
export function PlaceTreeSelect({ value, onChange, canPick, excludeId, placeholder, id, ...rest }: PlaceTreeSelectProps) {
  const { t, placeTypeLabel } = useI18n();
  const roots = useQuery({ queryKey: ['places', 'roots'], queryFn: placesApi.roots });
  const [children, setChildren] = useState<Record<string, Place[]>>({});

  const treeData = useMemo(() => {
    const rootList = roots.data ?? [];
    const rootIds = new Set(rootList.map((r) => r.id));
    const all = [...rootList, ...Object.values(children).flat()];
    return all.map((p) => ({
      id: p.id,
      pId: rootIds.has(p.id) ? ROOT : (p.parentId ?? ROOT),
      value: p.id,
      title: t('places.nodeTitle', { name: p.name, type: placeTypeLabel(p.type) }),
      isLeaf: p.childCount === 0 || p.id === excludeId,
      disabled: p.id === excludeId || (canPick ? !canPick(p) : false),
    }));
  }, [roots.data, children, excludeId, canPick, t, placeTypeLabel]);

  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: ROOT }}
      treeData={treeData}
      loadData={async (node) => {
        const key = String(node.value);
        if (children[key]) return;
        try {
          const items = await placesApi.allChildren(key);
          setChildren((prev) => ({ ...prev, [key]: items }));
        } catch (error) {
          reportError(error);
        }
      }}
      loading={roots.isLoading}
      placeholder={placeholder ?? t('places.pickPlace')}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      notFoundContent={roots.isLoading ? t('common.loading') : t('common.noData')}
      style={{ width: '100%' }}
    />
  );
}
