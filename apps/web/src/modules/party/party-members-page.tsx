import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { MEMBER_STATUSES, MEMBER_TYPES, type MemberStatus, type MemberType } from '@gridwork/contracts';
import { partyMembersApi, type PartyMember, type PartyMemberListQuery } from '../../api/party-members-endpoints';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { PartyMemberFormModal } from './party-member-form-modal';
import { PARTY_MEMBERS_KEY, useMemberLabels } from './party-member-labels';
import { PartyOrgTreeSelect } from './party-org-pickers';
import { RefreshButton } from '../../admin/components/refresh-button';

interface Filters {
  orgId?: string;
  type?: MemberType;
  status?: MemberStatus;
  q?: string;
}

function filtersOf(params: URLSearchParams): Filters {
  const type = params.get('type');
  const status = params.get('status');
  return {
    orgId: params.get('orgId') || undefined,
    type: MEMBER_TYPES.find((m) => m === type),
    status: MEMBER_STATUSES.find((s) => s === status),
    q: params.get('q') || undefined,
  };
}

/** 党员名册: the members in the user's scope, filtered by org (with sub-orgs), type, status and name; export to Excel. */
export function PartyMembersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const { statusLabel, typeLabel, positionLabel } = useMemberLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pager = useCursorPager(20);
  const [form] = Form.useForm<Filters>();
  const [editing, setEditing] = useState<PartyMember | 'new' | null>(null);
  const canWrite = can('party-member.write');

  const query: PartyMemberListQuery = { ...filters, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...PARTY_MEMBERS_KEY, 'list', query], queryFn: () => partyMembersApi.list(query), placeholderData: keepPreviousData });
  const exportXlsx = useMutation({ mutationFn: () => partyMembersApi.exportXlsx(query), onSuccess: () => void message.success(t('pm.exported')) });

  const apply = (next: Filters) => {
    const sp = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      const v = typeof value === 'string' ? value.trim() : undefined;
      if (v) sp.set(key, v);
    }
    setParams(sp, { replace: true });
    pager.reset();
  };

  const columns: TableColumnsType<PartyMember> = [
    {
      title: t('pm.name'),
      dataIndex: 'name',
      width: 110,
      fixed: 'left',
      render: (name: string, m) => (
        <Link to={`/party/members/${m.id}`} data-testid="party-member-link">
          {name}
        </Link>
      ),
    },
    { title: t('pm.gender'), dataIndex: 'gender', width: 70, render: (g: PartyMember['gender']) => (g === 'male' ? t('pm.genderMale') : g === 'female' ? t('pm.genderFemale') : '—') },
    { title: t('pm.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('pm.org'),
      dataIndex: 'orgName',
      width: 200,
      render: (v: string | null, m) => v ?? (m.homeOrgName ? <Tag>{t('pm.transferredOut', { name: m.homeOrgName })}</Tag> : '—'),
    },
    { title: t('pm.status'), dataIndex: 'status', width: 100, render: (s: MemberStatus) => <Tag color={s === 'full' ? 'red' : 'orange'}>{statusLabel(s)}</Tag> },
    { title: t('pm.type'), dataIndex: 'type', width: 120, render: (s: MemberType) => typeLabel(s) },
    { title: t('pm.position'), dataIndex: 'position', width: 100, render: (p: PartyMember['position']) => (p ? positionLabel(p) : '—') },
    { title: t('pm.joinedOn'), key: 'joinedOn', width: 120, render: (_v, m) => m.stages.probationaryOn ?? '—' },
    { title: t('pm.partyYears'), dataIndex: 'partyYears', width: 90, align: 'right', render: (y: number | null) => (y === null ? '—' : t('pm.partyYearsValue', { years: y })) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_v, m) => (
        <Space size={4}>
          <Link to={`/party/members/${m.id}`}>{t('pm.detail')}</Link>
          {canWrite ? (
            <Button type="link" size="small" onClick={() => setEditing(m)} data-testid="party-member-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const items = list.data?.items ?? [];
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <div data-testid="party-members-page">
      <PageHeader
        title={t('nav.partyMembers')}
        description={t('pm.description')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()} data-testid="party-members-export">
              {t('pm.export')}
            </Button>
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="party-member-create">
                {t('pm.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Form<Filters> form={form} name="party-member-filters" layout="inline" initialValues={filters} onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="orgId" style={{ width: 260 }}>
            <PartyOrgTreeSelect withMemberCounts allowClear placeholder={t('pm.filterOrg')} testId="party-members-filter-org" />
          </Form.Item>
          <Form.Item name="type">
            <Select allowClear placeholder={t('pm.filterType')} style={{ width: 150 }} options={MEMBER_TYPES.map((s) => ({ value: s, label: typeLabel(s) }))} data-testid="party-members-filter-type" />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('pm.filterStatus')} style={{ width: 130 }} options={MEMBER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('pm.filterName')} style={{ width: 150 }} maxLength={20} data-testid="party-members-filter-q" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ orgId: undefined, type: undefined, status: undefined, q: undefined });
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
              <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: PARTY_MEMBERS_KEY })} />
            </Space>
          </Form.Item>
        </Form>
        <Table<PartyMember>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1200 }}
          size="middle"
          data-testid="party-members-table"
          locale={{ emptyText: <TableEmpty text={filtered ? t('pm.noMatch') : t('pm.empty')} hint={!filtered && canWrite ? t('pm.emptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="party-members-pager" />
      </Card>
      {editing ? <PartyMemberFormModal member={editing === 'new' ? undefined : editing} defaultOrgId={filters.orgId} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
