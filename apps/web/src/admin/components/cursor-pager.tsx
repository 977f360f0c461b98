import { Button, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';

export const PAGE_SIZES = [20, 50, 100] as const;

/** Previous / next for cursor-paginated lists, with a page-size choice. */
export function CursorPager({
  page,
  hasPrev,
  hasNext,
  onPrev,
  onNext,
  limit,
  onLimitChange,
  count,
  total,
  testId,
}: {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  limit: number;
  onLimitChange: (limit: number) => void;
  count: number;
  total?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="gw-pager" data-testid={testId}>
      <Typography.Text type="secondary">
        {typeof total === 'number' ? t('pager.summaryTotal', { page, count, total }) : t('pager.summary', { page, count })}
      </Typography.Text>
      <Space size={8}>
        <Button icon={<LeftOutlined />} disabled={!hasPrev} onClick={onPrev} data-testid="pager-prev">
          {t('pager.prev')}
        </Button>
        <Button disabled={!hasNext} onClick={onNext} data-testid="pager-next">
          {t('pager.next')} <RightOutlined />
        </Button>
        <Select
          value={limit}
          onChange={onLimitChange}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.perPage', { n }) }))}
          style={{ width: 112 }}
        />
      </Space>
    </div>
  );
}
