import './service.css';
import { TableEmpty } from '../../admin/components/table-empty';
import { useState } from 'react';
import { Button, Card, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { teamsApi } from '../../api/service-endpoints';
import type { Team } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { TeamFormModal } from './components/team-form-modal';
import { TEAMS_KEY } from './queries';
import { ColourTag } from './service-labels';
import { RefreshButton } from '../../admin/components/refresh-button';

/** 服务队: the teams of the communities and grids in scope, each with its service colour. */
export function TeamsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') || undefined;
  const pager = useCursorPager(20);
  const [creating, setCreating] = useState(false);

  const query = { placeId, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...TEAMS_KEY, 'list', query], queryFn: () => teamsApi.list(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<Team> = [
    { title: t('svc.colourShort'), dataIndex: 'colour', width: 64, render: (c: string) => <ColourTag colour={c} /> },
    { title: t('svc.teamName'), dataIndex: 'name', width: 160 },
    { title: t('svc.teamPlace'), dataIndex: 'placeName', width: 160 },
    { title: t('svc.teamLeader'), dataIndex: 'leaderName', width: 110, render: (v: string | null) => v ?? <span className="gw-svc-muted">—</span> },
    {
      title: t('svc.teamMembers'),
      dataIndex: 'memberCount',
      width: 260,
      render: (n: number, team) => (
        <Tooltip title={team.members.map((m) => m.name).join(t('common.listSeparator')) || undefined}>
          <span className="gw-svc-num">{t('svc.memberCount', { n })}</span>
          {team.members.length > 0 ? (
            <Typography.Text type="secondary">
              {' · '}
              {team.members
                .slice(0, 4)
                .map((m) => m.name)
                .join(t('common.listSeparator'))}
              {team.members.length > 4 ? '…' : ''}
            </Typography.Text>
          ) : null}
        </Tooltip>
      ),
    },
    { title: t('svc.teamDescription'), dataIndex: 'description', render: (v: string | null) => v ?? <span className="gw-svc-muted">—</span> },
  ];

  const items = list.data?.items ?? [];

  return (
    <div data-testid="teams-page">
      <PageHeader
        title={t('nav.teams')}
        description={t('svc.teamsDescription')}
        extra={
          <>
            <div style={{ width: 220 }}>
              <PlaceTreeSelect
                value={placeId}
                onChange={(v) => {
                  setParams(v ? { placeId: v } : {}, { replace: true });
                  pager.reset();
                }}
                placeholder={t('svc.filterPlace')}
                data-testid="team-filter-place"
              />
            </div>
            <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: TEAMS_KEY })} />
            {can('volunteer.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="team-create">
                {t('svc.teamCreate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Table<Team>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          size="middle"
          data-testid="team-table"
          locale={{ emptyText: <TableEmpty text={placeId ? t('svc.noMatch') : t('svc.teamsEmpty')} hint={!placeId && can('volunteer.write') ? t('svc.teamsEmptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="team-pager" />
      </Card>
      {creating ? <TeamFormModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
