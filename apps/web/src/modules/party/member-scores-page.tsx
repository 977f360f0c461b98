import { useState } from 'react';
import { App, Button, Card, Drawer, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { SCORE_DIMENSIONS, type MemberScoreRank } from '@gridwork/contracts';
import { memberScoresApi } from '../../api/member-scores-endpoints';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { reportError } from '../../shared/feedback';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { MemberScoresPanel } from './member-scores-panel';
import { currentScoreYear, dimensionKey, ScoreYearSelect } from './member-scores-shared';
import { PartyOrgTreeSelect } from './party-org-pickers';

/** 党员积分排名: the yearly ranking of an org's subtree, a column per dimension, each member's traceable entries in a drawer. */
export function MemberScoresPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const year = Number(params.get('year')) || currentScoreYear();
  const pager = useCursorPager(50);
  const [open, setOpen] = useState<MemberScoreRank | null>(null);
  const [exporting, setExporting] = useState(false);

  const query = { orgId, year, limit: pager.limit, cursor: pager.cursor };
  const ranking = useQuery({ queryKey: ['member-scores', 'ranking', query], queryFn: () => memberScoresApi.ranking(query), placeholderData: keepPreviousData });

  const setFilter = (next: { orgId?: string; year?: number }) => {
    const sp = new URLSearchParams();
    const o = 'orgId' in next ? next.orgId : orgId;
    const y = next.year ?? year;
    if (o) sp.set('orgId', o);
    sp.set('year', String(y));
    setParams(sp, { replace: true });
    pager.reset();
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await memberScoresApi.exportXlsx({ orgId, year });
      void message.success(t('ms.exported'));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<MemberScoreRank> = [
    { title: t('ms.rank'), dataIndex: 'rank', width: 70, align: 'center' },
    {
      title: t('ms.name'),
      dataIndex: 'name',
      width: 120,
      render: (name: string, row) => (
        <Button type="link" size="small" onClick={() => setOpen(row)} data-testid="member-scores-open">
          {name}
        </Button>
      ),
    },
    { title: t('ms.orgName'), dataIndex: 'orgName', width: 220, render: (v: string | null) => v ?? '—' },
    ...SCORE_DIMENSIONS.map((d) => ({ title: t(dimensionKey(d)), key: d, width: 100, align: 'right' as const, render: (_: unknown, row: MemberScoreRank) => row.dimensions[d] })),
    { title: t('ms.total'), dataIndex: 'total', width: 100, align: 'right', render: (v: number) => <strong>{v}</strong> },
  ];

  return (
    <div data-testid="member-scores-page">
      <PageHeader
        title={t('nav.memberScores')}
        description={t('ms.rankingDescription')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="member-scores-export">
            {t('ms.export')}
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <span>{t('ms.org')}</span>
          <PartyOrgTreeSelect value={orgId} onChange={(id) => setFilter({ orgId: id })} placeholder={t('ms.orgAll')} width={280} testId="member-scores-org" />
          <span>{t('ms.year')}</span>
          <ScoreYearSelect value={year} onChange={(y) => setFilter({ year: y })} testId="member-scores-year" />
        </Space>
        <Table<MemberScoreRank>
          rowKey="memberId"
          size="middle"
          loading={ranking.isFetching}
          columns={columns}
          dataSource={ranking.data?.items ?? []}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: <TableEmpty text={t('ms.rankingEmpty')} hint={t('ms.rankingEmptyHint')} /> }}
          data-testid="member-scores-table"
        />
        <CursorPager pager={pager} nextCursor={ranking.data?.nextCursor} count={ranking.data?.items.length ?? 0} total={ranking.data?.total} testId="member-scores-pager" />
      </Card>
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={960} title={open ? `${open.name} · ${t('ms.detail')}` : ''} destroyOnHidden>
        {open ? <MemberScoresPanel memberId={open.memberId} /> : null}
      </Drawer>
    </div>
  );
}
