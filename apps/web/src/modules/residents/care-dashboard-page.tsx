import './residents.css';
import { useEffect, useState } from 'react';
import { Button, Card, Col, Empty, Row, Segmented, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { careGroupsApi, placesApi } from '../../api/endpoints';
import type { VisitDue } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { CareGroupConfig } from './components/care-group-config';
import { careGroupHex } from './care-colors';
import { CareGroupTags } from './components/care-group-tags';
import { CareTotalsChart } from './components/care-totals-chart';
import { VisitFormModal } from './components/visit-form-modal';
import { useCareGroupTypes } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

const WINDOWS = [7, 14, 30] as const;
const DASHBOARD_TYPES = new Set(['community', 'grid']);

/** 重点人群: counts per care group in a grid or community, and who is due for a visit. */
export function CareDashboardPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') ?? undefined;
  const [withinDays, setWithinDays] = useState<number>(7);
  const [visiting, setVisiting] = useState<VisitDue | null>(null);
  const careTypes = useCareGroupTypes();
  const roots = useQuery({ queryKey: ['places', 'roots'], queryFn: placesApi.roots });

  // Start with the user's own grid or community when there is an obvious one.
  useEffect(() => {
    if (placeId || !roots.data) return;
    const first = roots.data.find((p) => DASHBOARD_TYPES.has(p.type));
    if (first) setParams({ placeId: first.id }, { replace: true });
  }, [placeId, roots.data, setParams]);

  const dashboard = useQuery({
    queryKey: ['care-groups', 'dashboard', placeId, withinDays],
    queryFn: () => careGroupsApi.dashboard(placeId ?? '', withinDays),
    enabled: Boolean(placeId),
    placeholderData: keepPreviousData,
  });
  const data = dashboard.data;
  const totalPeople = (data?.totals ?? []).reduce((n, x) => n + x.count, 0);
  const overdue = (data?.due ?? []).filter((d) => d.overdueDays > 0).length;

  const columns: TableColumnsType<VisitDue> = [
    {
      title: t('res.name'),
      dataIndex: 'name',
      width: 110,
      fixed: 'left',
      render: (name: string, d) => <Link to={`/residents/${d.residentId}`}>{name}</Link>,
    },
    { title: t('res.age'), dataIndex: 'age', width: 60, align: 'right' },
    { title: t('res.household'), dataIndex: 'householdName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('res.careGroups'), dataIndex: 'careGroups', width: 200, render: (codes: string[]) => <CareGroupTags codes={codes} types={careTypes.data} max={3} /> },
    { title: t('res.responsible'), dataIndex: 'responsibleName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('res.lastVisit'), dataIndex: 'lastVisitAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="warning">{t('res.neverVisited')}</Typography.Text>) },
    { title: t('res.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: t('res.overdue'),
      dataIndex: 'overdueDays',
      width: 110,
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.overdueDays - b.overdueDays,
      render: (days: number) =>
        days > 0 ? (
          <Tag color={days > 30 ? 'red' : 'volcano'} data-testid="overdue-tag">
            {t('res.overdueDays', { days })}
          </Tag>
        ) : (
          <Tag color="gold">{days === 0 ? t('res.dueToday') : t('res.dueInDays', { days: -days })}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_v, d) =>
        can('visit.write') ? (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setVisiting(d)} data-testid="due-add-visit">
            {t('res.addVisit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="care-dashboard">
      <PageHeader
        title={t('nav.careGroups')}
        description={t('res.careDescription')}
        extra={
          <>
            <div style={{ width: 260 }}>
              <PlaceTreeSelect
                value={placeId}
                onChange={(v) => setParams(v ? { placeId: v } : {}, { replace: true })}
                canPick={(p) => DASHBOARD_TYPES.has(p.type)}
                placeholder={t('res.carePickPlace')}
                data-testid="care-place"
              />
            </div>
            <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: ['care-groups', 'dashboard'] })} />
          </>
        }
      />
      {!placeId ? (
        <Card>
          <Empty description={t('res.carePickPlace')} />
        </Card>
      ) : dashboard.isPending ? (
        <Spin className="gw-loading" />
      ) : dashboard.isError ? (
        <Card>
          <Empty description={errorText(dashboard.error)} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={8}>
            <Card title={t('res.careTotals')} data-testid="care-totals">
              <Space size={32} className="gw-care-stats">
                <Statistic title={t('res.careMemberships')} value={totalPeople} />
                <Statistic title={t('res.careOverdue')} value={overdue} styles={{ content: { color: overdue ? '#cf1322' : undefined } }} />
              </Space>
              {data && data.totals.length > 0 ? (
                <CareTotalsChart totals={data.totals} colorOf={careGroupHex} countLabel={t('res.carePeople')} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.careNoPeople')} />
              )}
            </Card>
          </Col>
          <Col xs={24} xxl={16}>
            <Card
              title={t('res.dueTitle')}
              extra={
                <Segmented<number>
                  value={withinDays}
                  onChange={setWithinDays}
                  options={WINDOWS.map((d) => ({ value: d, label: t('res.withinDays', { days: d }) }))}
                  data-testid="due-window"
                />
              }
            >
              <Table<VisitDue>
                rowKey="residentId"
                size="small"
                columns={columns}
                dataSource={data?.due ?? []}
                loading={dashboard.isFetching}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                rowClassName={(d) => (d.overdueDays > 0 ? 'gw-row-overdue' : '')}
                scroll={{ x: 980 }}
                data-testid="due-table"
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.noneDue')} /> }}
              />
            </Card>
          </Col>
        </Row>
      )}
      {can('care-group.configure') ? <CareGroupConfig /> : null}
      {visiting ? <VisitFormModal residentId={visiting.residentId} residentName={visiting.name} onClose={() => setVisiting(null)} /> : null}
    </div>
  );
}
