import { Button, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import type { CursorPagerState } from '../../shared/use-cursor-pager';

export const PAGE_SIZES = [20, 50, 100] as const;

/** Previous / next for cursor-paginated lists, with a page-size choice. */
export function CursorPager({
  pager,
  nextCursor,
  count,
  total,
  testId,
}: {
  pager: CursorPagerState;
  /** The list's `nextCursor`: there is a next page when it is set. */
  nextCursor: string | null | undefined;
  count: number;
  total?: number | undefined;
  testId?: string;
}) {
  const { t } = useI18n();
  const { page, hasPrev, limit } = pager;
  return (
    <div className="gw-pager" data-testid={testId}>
      <Typography.Text type="secondary">
        {typeof total === 'number' ? t('pager.summaryTotal', { page, count, total }) : t('pager.summary', { page, count })}
      </Typography.Text>
      <Space size={8}>
        <Button icon={<LeftOutlined />} disabled={!hasPrev} onClick={pager.prev} data-testid="pager-prev">
          {t('pager.prev')}
        </Button>
        <Button disabled={!nextCursor} onClick={() => nextCursor && pager.next(nextCursor)} data-testid="pager-next">
          {t('pager.next')} <RightOutlined />
        </Button>
        <Select
          value={limit}
          onChange={pager.setLimit}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.perPage', { n }) }))}
          style={{ width: 112 }}
        />
      </Space>
    </div>
  );
}
