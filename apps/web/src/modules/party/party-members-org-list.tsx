import { List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { PartyOrg } from '@gridwork/contracts';
import { partyMembersApi } from '../../api/party-members-endpoints';
import { useI18n } from '../../i18n';
import { TableEmpty } from '../../admin/components/table-empty';
import { PARTY_MEMBERS_KEY, useMemberLabels } from './party-member-labels';

const SHOWN = 50;

/** The selected org's members (with its sub-orgs') beside the org tree; the register has the rest. */
export function PartyMembersOrgList({ org }: { org: PartyOrg }) {
  const { t } = useI18n();
  const { statusLabel, typeLabel, positionLabel } = useMemberLabels();
  const members = useQuery({ queryKey: [...PARTY_MEMBERS_KEY, 'list', { orgId: org.id, limit: SHOWN }], queryFn: () => partyMembersApi.list({ orgId: org.id, limit: SHOWN }) });
  const total = members.data?.total ?? org.memberCount;
  return (
    <div data-testid="party-org-members">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '16px 0 8px' }}>
        <Typography.Text strong>
          {t('pm.orgMembersTitle')}（{t('pm.memberCountShort', { count: total })}）
        </Typography.Text>
        {total > 0 ? <Link to={`/party/members?orgId=${org.id}`}>{t('pm.orgMembersAll')}</Link> : null}
      </Space>
      <List
        size="small"
        bordered
        loading={members.isLoading}
        dataSource={members.data?.items ?? []}
        locale={{ emptyText: <TableEmpty text={t('pm.orgMembersEmpty')} /> }}
        renderItem={(m) => (
          <List.Item key={m.id} data-testid="party-org-member">
            <Space wrap size={8}>
              <Link to={`/party/members/${m.id}`}>{m.name}</Link>
              {m.position ? <Tag color="red">{positionLabel(m.position)}</Tag> : null}
              <Tag color={m.status === 'full' ? 'volcano' : 'orange'}>{statusLabel(m.status)}</Tag>
              <Typography.Text type="secondary">{typeLabel(m.type)}</Typography.Text>
              {m.orgId !== org.id && m.orgName ? <Typography.Text type="secondary">{m.orgName}</Typography.Text> : null}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
