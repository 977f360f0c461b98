import './service.css';
import { TableEmpty } from '../../admin/components/table-empty';
import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { volunteersApi } from '../../api/service-endpoints';
import type { Volunteer, VolunteerListQuery } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { TeamSelect } from './components/team-select';
import { VolunteerFormModal } from './components/volunteer-form-modal';
import { VOLUNTEER_LISTS_KEY } from './queries';
import { ColourTag } from './service-labels';
import { RefreshButton } from '../../admin/components/refresh-button';

interface Filters {
  q?: string;
  placeId?: string;
  teamId?: string;
}
const FILTER_KEYS = ['q', 'placeId', 'teamId'] as const;

function filtersOf(params: URLSearchParams): Filters {
  return { q: params.get('q') || undefined, placeId: params.get('placeId') || undefined, teamId: params.get('teamId') || undefined };
}

/** 志愿者: the volunteers registered in the user's scope, with their teams and confirmed hours. */
export function VolunteersPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pager = useCursorPager(20);
  const [form] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);

  const query: VolunteerListQuery = { ...filters, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...VOLUNTEER_LISTS_KEY, query], queryFn: () => volunteersApi.list(query), placeholderData: keepPreviousData });

  const apply = (next: Filters) => {
    const sp = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = next[key]?.trim();
      if (v) sp.set(key, v);
    }
    setParams(sp, { replace: true });
    pager.reset();
  };

  const columns: TableColumnsType<Volunteer> = [
    { title: t('svc.name'), dataIndex: 'name', width: 120, fixed: 'left' },
    {
      title: t('svc.teams'),
      dataIndex: 'teams',
      width: 220,
      render: (teams: Volunteer['teams']) =>
        teams.length === 0 ? (
          <span className="gw-svc-muted">—</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {teams.map((team) => (
              <Space key={team.id} size={2}>
                <ColourTag colour={team.colour} />
                <span>{team.name}</span>
              </Space>
            ))}
          </Space>
        ),
    },
    {
      title: t('svc.skills'),
      dataIndex: 'skills',
      width: 220,
      render: (skills: string[]) =>
        skills.length === 0 ? (
          <span className="gw-svc-muted">—</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {skills.map((s) => (
              <Tag key={s} className="gw-tag-compact">
                {s}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: t('svc.availability'), dataIndex: 'availability', width: 180, render: (v: string | null) => v ?? <span className="gw-svc-muted">—</span> },
    { title: t('svc.hours'), dataIndex: 'hours', width: 100, align: 'right', render: (h: number) => <span className="gw-svc-num">{h.toFixed(1)}</span> },
    { title: t('svc.registeredAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  // The team filter is also applied to the page shown, so it holds even where the server lists every team's members.
  const items = (list.data?.items ?? []).filter((v) => !filters.teamId || v.teams.some((team) => team.id === filters.teamId));
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined);

  return (
    <div data-testid="volunteers-page">
      <PageHeader
        title={t('nav.volunteers')}
        description={t('svc.volunteersDescription')}
        extra={
          can('volunteer.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="volunteer-create">
              {t('svc.volunteerCreate')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form<Filters> form={form} name="volunteer-filters" layout="inline" className="gw-svc-filters" initialValues={filters} onFinish={apply} data-testid="volunteer-filters">
          <Form.Item name="q">
            <Input allowClear placeholder={t('svc.filterName')} style={{ width: 180 }} maxLength={20} data-testid="volunteer-filter-q" />
          </Form.Item>
          <Form.Item name="placeId" style={{ width: 220 }}>
            <PlaceTreeSelect placeholder={t('svc.filterPlace')} data-testid="volunteer-filter-place" />
          </Form.Item>
          <Form.Item name="teamId">
            <TeamSelect placeholder={t('svc.filterTeam')} style={{ width: 200 }} data-testid="volunteer-filter-team" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="volunteer-filter-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  for (const key of FILTER_KEYS) form.setFieldValue(key, undefined);
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
              <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: VOLUNTEER_LISTS_KEY })} />
            </Space>
          </Form.Item>
        </Form>
        <Table<Volunteer>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          size="middle"
          data-testid="volunteer-table"
          locale={{ emptyText: <TableEmpty text={filtered ? t('svc.noMatch') : t('svc.volunteersEmpty')} hint={!filtered && can('volunteer.write') ? t('svc.volunteersEmptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="volunteer-pager" />
      </Card>
      {creating ? <VolunteerFormModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
