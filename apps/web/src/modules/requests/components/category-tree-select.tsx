import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useI18n } from '../../../i18n';
import { categoryTreeData, useRequestCategories } from '../queries';

/** Chooses a request category by code (a leaf or a whole branch). */
export function CategoryTreeSelect({
  value,
  onChange,
  placeholder,
  onlyActive = true,
  id,
  style,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  onlyActive?: boolean;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const categories = useRequestCategories();
  const treeData = useMemo(() => categoryTreeData(categories.data ?? [], onlyActive), [categories.data, onlyActive]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      treeDefaultExpandAll
      loading={categories.isLoading}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('req.pickCategory')}
      notFoundContent={categories.isLoading ? t('common.loading') : t('req.noCategories')}
      style={{ width: '100%', ...style }}
    />
  );
}
