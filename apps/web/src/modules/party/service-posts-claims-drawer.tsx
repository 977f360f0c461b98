import { Drawer, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ServicePost, ServicePostClaim } from '@gridwork/contracts';
import { servicePostsApi } from '../../api/enrolments-endpoints';
import { useI18n } from '../../i18n';
import { TableEmpty } from '../../admin/components/table-empty';
import { HOURS_STATUS_KEYS, SERVICE_POSTS_KEY, STATE_COLOURS } from './enrolments-labels';

/** 认领情况: who claimed a post, with the hours each logged and had confirmed. */
export function ServicePostClaimsDrawer({ post, onClose }: { post: ServicePost | null; onClose: () => void }) {
  const { t, formatDateTime } = useI18n();
  const claims = useQuery({ queryKey: [...SERVICE_POSTS_KEY, 'claims', post?.id], queryFn: () => servicePostsApi.claims(post!.id), enabled: post !== null });

  const columns: TableColumnsType<ServicePostClaim> = [
    { title: t('posts.member'), dataIndex: 'memberName', width: 100 },
    { title: t('enrol.employer'), dataIndex: 'employer', render: (v: string | null) => v ?? t('posts.residentMember') },
    { title: t('posts.claimedAt'), dataIndex: 'claimedAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('posts.hoursLogged'), dataIndex: 'hoursLogged', width: 100, align: 'right' },
    { title: t('posts.hoursConfirmed'), dataIndex: 'hoursConfirmed', width: 100, align: 'right' },
    { title: t('posts.points'), dataIndex: 'points', width: 90, align: 'right', render: (p: number) => (p > 0 ? `+${p}` : '0') },
  ];

  return (
    <Drawer open={post !== null} onClose={onClose} size="large" title={t('posts.claimsOf', { title: post?.title ?? '' })} destroyOnHidden>
      {post ? <Typography.Paragraph type="secondary">{t('posts.claimedOf', { claimed: post.claimedCount, capacity: post.capacity })}</Typography.Paragraph> : null}
      <Table<ServicePostClaim>
        rowKey="id"
        columns={columns}
        dataSource={claims.data ?? []}
        loading={claims.isFetching}
        pagination={false}
        size="small"
        data-testid="post-claims-table"
        expandable={{
          rowExpandable: (c) => c.hours.length > 0,
          expandedRowRender: (c) => (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {c.hours.map((h) => (
                <li key={h.id}>
                  {t('posts.hoursLine', { date: h.servedOn, hours: h.hours })} <Tag color={STATE_COLOURS[h.status]}>{t(HOURS_STATUS_KEYS[h.status])}</Tag>
                  {h.note ? <Typography.Text type="secondary">{h.note}</Typography.Text> : null}
                </li>
              ))}
            </ul>
          ),
        }}
        locale={{ emptyText: <TableEmpty text={t('posts.noClaims')} /> }}
      />
    </Drawer>
  );
}
