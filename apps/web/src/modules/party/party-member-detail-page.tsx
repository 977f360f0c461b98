import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { MEMBER_STAGE_KEYS, type MemberStageKey } from '@gridwork/contracts';
import { partyMembersApi, type MemberTimelineEntry, type PartyMember } from '../../api/party-members-endpoints';
import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../../shared/session';
import { PageHeader } from '../../admin/components/page-header';
import { MemberScoresPanel } from './member-scores-panel';
import { PartyMemberFormModal } from './party-member-form-modal';
import { PARTY_MEMBERS_KEY, useMemberLabels } from './party-member-labels';
import { PartyMemberTransferModal } from './party-member-transfer-modal';

/** Record fields as the timeline names them (the audit keeps the field names, not the values). */
const FIELD_KEYS: Readonly<Record<string, MessageKey>> = {
  orgId: 'pm.org',
  residentId: 'pm.resident',
  name: 'pm.name',
  gender: 'pm.gender',
  phoneMasked: 'pm.phone',
  status: 'pm.status',
  type: 'pm.type',
  position: 'pm.position',
  employer: 'pm.employer',
  homeOrgName: 'pm.homeOrgName',
  mobileWhereabouts: 'pm.mobileWhereabouts',
  mobileContact: 'pm.mobileContact',
};

const isStageKey = (key: string): key is MemberStageKey => (MEMBER_STAGE_KEYS as readonly string[]).includes(key);

function TimelineText({ entry }: { entry: MemberTimelineEntry }) {
  const { t, formatDateTime } = useI18n();
  const { stageLabel } = useMemberLabels();
  const fieldLabel = (key: string) => (isStageKey(key) ? stageLabel(key) : FIELD_KEYS[key] ? t(FIELD_KEYS[key]) : key);
  const when = entry.at.length === 10 ? entry.at : formatDateTime(entry.at);
  const text =
    entry.kind === 'stage' && entry.stage
      ? stageLabel(entry.stage)
      : entry.kind === 'transfer'
        ? t('pm.timelineTransfer', { from: entry.fromOrgName ?? '—', to: entry.toOrgName ?? '—' })
        : entry.kind === 'created'
          ? t('pm.timelineCreated')
          : t('pm.timelineUpdated', { fields: entry.changedFields.map(fieldLabel).join(t('common.listSeparator')) || '—' });
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary">{when}</Typography.Text>
      <span>{text}</span>
      {entry.reason ? <Typography.Text type="secondary">{t('pm.timelineReason', { reason: entry.reason })}</Typography.Text> : null}
      {entry.actorName ? <Typography.Text type="secondary">{t('pm.timelineBy', { name: entry.actorName })}</Typography.Text> : null}
    </Space>
  );
}

const TIMELINE_COLOURS: Readonly<Record<MemberTimelineEntry['kind'], string>> = { stage: 'red', transfer: 'blue', created: 'green', updated: 'gray' };

function Profile({ member }: { member: PartyMember }) {
  const { t, formatDateTime } = useI18n();
  const { statusLabel, typeLabel, positionLabel } = useMemberLabels();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'name', label: t('pm.name'), children: member.name },
        { key: 'gender', label: t('pm.gender'), children: member.gender === 'male' ? t('pm.genderMale') : member.gender === 'female' ? t('pm.genderFemale') : dash },
        { key: 'phone', label: t('pm.phone'), children: member.phone ?? dash },
        { key: 'resident', label: t('pm.resident'), children: member.residentId ? <Link to={`/residents/${member.residentId}`}>{t('pm.residentLinked')}</Link> : t('pm.residentNone') },
        { key: 'org', label: t('pm.org'), children: member.orgName ?? (member.homeOrgName ? t('pm.transferredOut', { name: member.homeOrgName }) : dash) },
        { key: 'place', label: t('pm.place'), children: member.placeName },
        { key: 'status', label: t('pm.status'), children: <Tag color={member.status === 'full' ? 'red' : 'orange'}>{statusLabel(member.status)}</Tag> },
        { key: 'type', label: t('pm.type'), children: typeLabel(member.type) },
        { key: 'position', label: t('pm.position'), children: member.position ? positionLabel(member.position) : dash },
        { key: 'anniversary', label: t('pm.anniversary'), children: member.partyAnniversary ?? dash },
        { key: 'years', label: t('pm.partyYears'), children: member.partyYears === null ? dash : t('pm.partyYearsValue', { years: member.partyYears }) },
        ...(member.employer ? [{ key: 'employer', label: t('pm.employer'), children: member.employer }] : []),
        ...(member.homeOrgName && member.orgName ? [{ key: 'homeOrg', label: t('pm.homeOrgName'), children: member.homeOrgName }] : []),
        ...(member.type === 'mobile'
          ? [
              { key: 'where', label: t('pm.mobileWhereabouts'), children: member.mobileWhereabouts ?? dash },
              { key: 'contact', label: t('pm.mobileContact'), children: member.mobileContact ?? dash },
            ]
          : []),
        { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(member.createdAt) },
      ]}
    />
  );
}

/** 党员档案: profile, development stages, timeline (stages, transfers, edits), transfer dialog and the member's scores. */
export function PartyMemberDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useSession();
  const { stageLabel } = useMemberLabels();
  const [dialog, setDialog] = useState<'edit' | 'transfer' | null>(null);
  const member = useQuery({ queryKey: [...PARTY_MEMBERS_KEY, 'detail', id], queryFn: () => partyMembersApi.get(id), meta: { silent: true } });
  const timeline = useQuery({ queryKey: [...PARTY_MEMBERS_KEY, 'timeline', id], queryFn: () => partyMembersApi.timeline(id), enabled: member.isSuccess });

  if (member.isLoading) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (!member.data) {
    return (
      <Result status="404" title={t('pm.notFound')} extra={<Link to="/party/members">{t('pm.back')}</Link>} data-testid="party-member-not-found" />
    );
  }
  const m = member.data;
  const canWrite = can('party-member.write');

  return (
    <div data-testid="party-member-detail">
      <PageHeader
        title={
          <Space>
            <Link to="/party/members" aria-label={t('pm.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="party-member-detail-name">{m.name}</span>
          </Space>
        }
        description={t('pm.detailTitle')}
        extra={
          canWrite ? (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="party-member-detail-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="party-member-transfer">
                {t('pm.transfer')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('pm.profile')}>
              <Profile member={m} />
            </Card>
            <Card title={t('pm.stages')}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 3 }}
                items={MEMBER_STAGE_KEYS.map((k) => ({ key: k, label: stageLabel(k), children: m.stages[k] ?? <Typography.Text type="secondary">{t('pm.stageMissing')}</Typography.Text> }))}
              />
            </Card>
            {/* 党员积分 (another part of issue 5): the member's points of the year, every one traceable to its source. */}
            {can('member-score.read') ? (
              <Card title={t('pm.scores')} data-testid="party-member-scores">
                <MemberScoresPanel memberId={m.id} />
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('pm.timeline')} data-testid="party-member-timeline">
            {timeline.isLoading ? (
              <Spin />
            ) : (timeline.data?.items.length ?? 0) === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pm.timelineEmpty')} />
            ) : (
              <Timeline items={(timeline.data?.items ?? []).map((e, i) => ({ key: `${e.kind}-${e.at}-${i}`, color: TIMELINE_COLOURS[e.kind], children: <TimelineText entry={e} /> }))} />
            )}
          </Card>
        </Col>
      </Row>
      {dialog === 'edit' ? <PartyMemberFormModal member={m} onClose={() => setDialog(null)} /> : null}
      {dialog === 'transfer' ? <PartyMemberTransferModal member={m} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
