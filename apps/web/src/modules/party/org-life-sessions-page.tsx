import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ORG_LIFE_SESSION_STATUSES, type OrgLifeSession, type OrgLifeSessionStatus, type OrgLifeSessionType } from '@gridwork/contracts';
import { orgLifeApi, type OrgLifeSessionFilters } from '../../api/org-life-endpoints';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { orgLifeLabels, sessionTime, SESSION_STATUS_COLORS } from './org-life-labels';
import { PartyOrgSelect } from './party-org-pickers';
import { SESSION_ORG_TYPES } from './org-life-labels';
import { ORG_LIFE_KEY, OrgLifeSessionFormModal } from './org-life-session-form-modal';

const FILTER_KEYS = ['orgId', 'type', 'status', 'from', 'to'] as const;
type FormValues = { orgId?: string; type?: OrgLifeSessionType; status?: OrgLifeSessionStatus; range?: [Dayjs | null, Dayjs | null] | null };

function filtersOf(params: URLSearchParams): OrgLifeSessionFilters {
  const f: Record<string, string | undefined> = {};
  for (const key of FILTER_KEYS) f[key] = params.get(key) || undefined;
  return f as OrgLifeSessionFilters;
}

/** 三会一课 · 主题党日 planner: sessions newest first, filtered by org (with sub-orgs), type, status and dates. */
export function OrgLifeSessionsPage() {
  const { t, locale } = useI18n();
  const labels = orgLifeLabels(locale);
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pager = useCursorPager(20);
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);

  const query = { ...filters, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...ORG_LIFE_KEY, 'list', query], queryFn: () => orgLifeApi.list(query), placeholderData: keepPreviousData });
  const exporting = useMutation({ meta: { silent: true }, mutationFn: () => orgLifeApi.exportXlsx(filters), onSuccess: () => void message.success(t('orgLife.exported')), onError: (e) => void message.error(errorText(e)) });

  const apply = (v: FormValues) => {
    const next: OrgLifeSessionFilters = { orgId: v.orgId, type: v.type, status: v.status, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') };
    const sp = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) sp.set(key, next[key]);
    setParams(sp, { replace: true });
    pager.reset();
  };

  const columns: TableColumnsType<OrgLifeSession> = [
    { title: t('orgLife.time'), key: 'time', width: 200, render: (_v, s) => sessionTime(s.startsAt, s.endsAt) },
    { title: t('orgLife.type'), dataIndex: 'type', width: 120, render: (v: OrgLifeSessionType) => labels.type(v) },
    {
      title: t('orgLife.title'),
      dataIndex: 'title',
      width: 240,
      render: (title: string, s) => (
        <Link to={`/party/sessions/${s.id}`} data-testid="org-life-link">
          {title}
        </Link>
      ),
    },
    { title: t('orgLife.org'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: t('orgLife.location'), dataIndex: 'location', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('orgLife.status'), dataIndex: 'status', width: 90, render: (s: OrgLifeSessionStatus) => <Tag color={SESSION_STATUS_COLORS[s]}>{labels.status(s)}</Tag> },
    {
      title: t('orgLife.attendance'),
      key: 'attendance',
      width: 260,
      render: (_v, s) =>
        s.status === 'held' ? (
          t('orgLife.attendanceSummary', { all: s.attendeeCount, present: s.presentCount, excused: s.excusedCount, absent: s.absentCount })
        ) : (
          <Typography.Text type="secondary">{`${t('orgLife.attendees')} ${s.attendeeCount}`}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 72,
      render: (_v, s) => (
        <Button type="link" size="small" onClick={() => navigate(`/party/sessions/${s.id}`)}>
          {t('orgLife.open')}
        </Button>
      ),
    },
  ];

  const items = list.data?.items ?? [];
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const initial: FormValues = { orgId: filters.orgId, type: filters.type, status: filters.status, range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null };

  return (
    <div data-testid="org-life-sessions-page">
      <PageHeader
        title={t('nav.orgLifeSessions')}
        description={t('orgLife.sessionsDescription')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="org-life-export">
              {t('orgLife.export')}
            </Button>
            {can('org-life.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-life-create">
                {t('orgLife.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Form<FormValues> form={form} name="org-life-filters" layout="inline" initialValues={initial} onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="orgId">
            <PartyOrgSelect types={SESSION_ORG_TYPES} allowClear placeholder={t('orgLife.filterOrg')} width={240} testId="org-life-filter-org" />
          </Form.Item>
          <Form.Item name="type">
            <Select allowClear placeholder={t('orgLife.filterType')} style={{ width: 140 }} options={labels.typeOptions} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('orgLife.filterStatus')} style={{ width: 110 }} options={ORG_LIFE_SESSION_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ orgId: undefined, type: undefined, status: undefined, range: null });
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<OrgLifeSession>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1300 }}
          size="middle"
          data-testid="org-life-table"
          locale={{ emptyText: <TableEmpty text={filtered ? t('orgLife.emptyFiltered') : t('orgLife.empty')} hint={!filtered && can('org-life.write') ? t('orgLife.emptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="org-life-pager" />
      </Card>
      <OrgLifeSessionFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          void message.success(t('orgLife.created'));
          navigate(`/party/sessions/${saved.id}`);
        }}
      />
    </div>
  );
}
