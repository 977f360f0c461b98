import { useState } from 'react';
import { App, Button, Card, Popconfirm, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SERVICE_POST_KINDS, type ServicePost, type ServicePostKind, type ServicePostStatus } from '@gridwork/contracts';
import { servicePostsApi } from '../../api/enrolments-endpoints';
import { useI18n } from '../../i18n';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { errorText } from '../../shared/feedback';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { POST_KIND_KEYS, PostKindTag, SERVICE_POSTS_KEY } from './enrolments-labels';
import { ServicePostClaimsDrawer } from './service-posts-claims-drawer';
import { ServicePostFormModal } from './service-posts-form-modal';
import { ServiceHoursTable } from './service-posts-hours-table';

/** 服务岗位: the posts of the staff's communities and grids, who claimed them, and the hours waiting for confirmation. */
export function ServicePostsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'posts' | 'hours'>('posts');
  return (
    <div data-testid="service-posts-page">
      <PageHeader title={t('nav.servicePosts')} description={t('posts.description')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'posts' | 'hours')}
          items={[
            { key: 'posts', label: t('posts.tab.posts'), children: <PostsTable /> },
            { key: 'hours', label: <span data-testid="posts-tab-hours">{t('posts.tab.hours')}</span>, children: <ServiceHoursTable /> },
          ]}
        />
      </Card>
    </div>
  );
}

function PostsTable() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ServicePostStatus | undefined>('open');
  const [kind, setKind] = useState<ServicePostKind | undefined>();
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<ServicePost | null>(null);
  const pager = useCursorPager(20);
  const list = useQuery({ queryKey: [...SERVICE_POSTS_KEY, 'list', status, kind, pager.cursor, pager.limit], queryFn: () => servicePostsApi.list({ status, kind, cursor: pager.cursor, limit: pager.limit }) });
  const close = useMutation({
    meta: { silent: true },
    mutationFn: (p: ServicePost) => servicePostsApi.close(p.id),
    onSuccess: (p) => {
      void message.success(t('posts.closed', { title: p.title }));
      void queryClient.invalidateQueries({ queryKey: SERVICE_POSTS_KEY });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const columns: TableColumnsType<ServicePost> = [
    {
      title: t('posts.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Space orientation="vertical" size={0}>
          <strong>{title}</strong>
          {p.description ? <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>{p.description}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('posts.kind'), dataIndex: 'kind', width: 110, render: (k: ServicePostKind) => <PostKindTag kind={k} label={t(POST_KIND_KEYS[k])} /> },
    { title: t('posts.place'), dataIndex: 'placeName', width: 120 },
    { title: t('posts.period'), key: 'period', width: 210, render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
    {
      title: t('posts.claimed'),
      key: 'claimed',
      width: 160,
      render: (_, p) => (
        <Space orientation="vertical" size={0} style={{ width: 140 }}>
          <Typography.Text>{t('posts.claimedOf', { claimed: p.claimedCount, capacity: p.capacity })}</Typography.Text>
          <Progress percent={Math.round((p.claimedCount / p.capacity) * 100)} size="small" showInfo={false} status={p.remaining === 0 ? 'success' : 'normal'} />
        </Space>
      ),
    },
    { title: t('posts.status'), dataIndex: 'status', width: 90, render: (s: ServicePostStatus) => <Tag color={s === 'open' ? 'green' : 'default'}>{t(s === 'open' ? 'posts.status.open' : 'posts.status.closed')}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, p) => (
        <Space>
          <Button size="small" onClick={() => setViewing(p)} data-testid={`post-claims-${p.id}`}>
            {t('posts.viewClaims')}
          </Button>
          {p.manageable && p.status === 'open' ? (
            <Popconfirm title={t('posts.closeQuestion', { title: p.title })} description={t('posts.closeHint')} okText={t('posts.close')} okButtonProps={{ danger: true }} onConfirm={() => close.mutate(p)}>
              <Button size="small" danger>
                {t('posts.close')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space wrap size={12} style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap size={12}>
          <Select<ServicePostStatus>
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              pager.reset();
            }}
            placeholder={t('posts.allStatuses')}
            style={{ width: 140 }}
            options={[
              { value: 'open', label: t('posts.status.open') },
              { value: 'closed', label: t('posts.status.closed') },
            ]}
          />
          <Select<ServicePostKind>
            allowClear
            value={kind}
            onChange={(v) => {
              setKind(v);
              pager.reset();
            }}
            placeholder={t('posts.allKinds')}
            style={{ width: 160 }}
            options={SERVICE_POST_KINDS.map((k) => ({ value: k, label: t(POST_KIND_KEYS[k]) }))}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="post-create">
          {t('posts.create')}
        </Button>
      </Space>
      <Table<ServicePost>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
        data-testid="posts-table"
        locale={{ emptyText: <TableEmpty text={t('posts.empty')} hint={t('posts.emptyHint')} /> }}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={list.data?.items.length ?? 0} />
      <ServicePostFormModal open={creating} onClose={() => setCreating(false)} />
      <ServicePostClaimsDrawer post={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
