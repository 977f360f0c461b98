import './requests.css';
import { Button, Card, Col, Descriptions, Rate, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, EyeInvisibleOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import type { ServiceRequest } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PageHeader } from '../../admin/components/page-header';
import { RequestActions } from './components/request-actions';
import { RequestHistory } from './components/request-history';
import { RequestPhotos } from './components/request-photos';
import { DueTag, StatusTag, TriageTag, UrgencyTag } from './components/request-tags';
import { ownerText } from './components/request-table';
import { useRequestLabels } from './labels';
import { useRequest } from './queries';
import { CouncilPanel } from '../councils/council-panel';

function RequestError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = (
    <Button type="primary" onClick={() => navigate('/requests')}>
      {t('req.backToList')}
    </Button>
  );
  if (isApiError(error) && error.status === 404) return <Result status="404" title={t('req.notFoundTitle')} subTitle={errorText(error)} extra={back} />;
  if (isApiError(error) && error.status === 403) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={errorText(error)} extra={back} />;
  return <Result status="error" title={t('req.loadFailed')} subTitle={errorText(error)} extra={back} />;
}

function BasicInfo({ r }: { r: ServiceRequest }) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const reporter = r.anonymous && !r.contactName ? (
    <Typography.Text type="secondary">
      <EyeInvisibleOutlined /> {t('req.anonymousHidden')}
    </Typography.Text>
  ) : (
    (r.contactName ?? '—')
  );
  const items: DescriptionsProps['items'] = [
    { key: 'category', label: t('req.category'), children: r.categoryName },
    { key: 'channel', label: t('req.channel'), children: labels.channel(r.channel) },
    { key: 'description', label: t('req.description'), span: 'filled', children: <div className="gw-req-prewrap" data-testid="request-description">{r.description}</div> },
    { key: 'place', label: t('req.place'), children: r.placeName },
    { key: 'responsible', label: t('req.responsiblePlace'), children: r.responsiblePlaceName },
    { key: 'address', label: t('req.address'), children: r.address ?? '—' },
    { key: 'location', label: t('req.location'), children: r.location ? <span className="gw-mono">{`${r.location.lng.toFixed(6)}, ${r.location.lat.toFixed(6)}`}</span> : '—' },
    { key: 'owner', label: t('req.owner'), children: ownerText(r.owner) ?? <span className="gw-req-muted">{t('req.unassigned')}</span> },
    { key: 'deadline', label: t('req.deadline'), children: r.deadline ? (
        <Space size={4} wrap>
          {formatDateTime(r.deadline)}
          {r.dueState === 'overdue' || r.dueState === 'due_soon' ? <DueTag dueState={r.dueState} deadline={r.deadline} /> : null}
        </Space>
      ) : (
        '—'
      ),
    },
    { key: 'contactName', label: t('req.contactName'), children: reporter },
    { key: 'contactPhone', label: t('req.contactPhone'), children: r.contactPhone ? <span className="gw-mono">{r.contactPhone}</span> : '—' },
    { key: 'anonymous', label: t('req.anonymous'), children: r.anonymous ? t('common.yes') : t('common.no') },
    { key: 'publicConsent', label: t('req.publicConsent'), children: r.publicConsent ? t('common.yes') : t('common.no') },
    { key: 'escalation', label: t('req.escalationLevel'), children: r.escalationLevel > 0 ? <Tag color="orange">{t('req.escalatedTimes', { n: r.escalationLevel })}</Tag> : '—' },
    { key: 'created', label: t('req.createdAt'), children: formatDateTime(r.createdAt) },
    { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(r.updatedAt) },
  ];
  return (
    <Card title={t('req.basicInfo')}>
      <Descriptions items={items} column={{ xs: 1, sm: 2, xxl: 3 }} size="small" bordered />
    </Card>
  );
}

function Outcome({ r }: { r: ServiceRequest }) {
  const { t, formatDateTime } = useI18n();
  if (!r.result && r.satisfaction === null && !r.closedAt) return null;
  const items: DescriptionsProps['items'] = [
    { key: 'result', label: t('req.result'), span: 'filled', children: r.result ? <div className="gw-req-prewrap">{r.result}</div> : '—' },
    { key: 'resolvedAt', label: t('req.resolvedAt'), children: formatDateTime(r.resolvedAt) },
    { key: 'closedAt', label: t('req.closedAt'), children: formatDateTime(r.closedAt) },
    { key: 'satisfaction', label: t('req.satisfaction'), children: r.satisfaction ? <Rate disabled value={r.satisfaction} data-testid="request-satisfaction" /> : '—' },
    { key: 'comment', label: t('req.followUpComment'), span: 'filled', children: r.followUpComment ?? '—' },
  ];
  return (
    <Card title={t('req.outcome')} className="gw-req-gap" data-testid="request-outcome">
      <Descriptions items={items} column={{ xs: 1, sm: 2 }} size="small" bordered />
    </Card>
  );
}

/** 诉求详情: everything about one request, its photos, its history and the viewer's next steps. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const detail = useRequest(id);
  const r = detail.data;

  if (detail.isPending) return <Spin className="gw-loading" />;
  if (detail.isError || !r) return <RequestError error={detail.error} />;

  return (
    <div data-testid="request-detail">
      <PageHeader
        title={
          <Space size={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('req.backToList')} />
            <span className="gw-mono" data-testid="request-reference">
              {r.reference}
            </span>
            <StatusTag status={r.status} />
            <TriageTag triage={r.triage} confirmed={r.triageConfirmed} />
            {r.urgency === 'normal' ? null : <UrgencyTag urgency={r.urgency} />}
            {r.reporterIsMe ? <Tag>{t('req.reportedByMe')}</Tag> : null}
          </Space>
        }
        extra={<RequestActions request={r} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <BasicInfo r={r} />
          <Outcome r={r} />
          {r.triage === 'major' ? <CouncilPanel requestId={r.id} /> : null}
          <Card title={t('req.photos')} className="gw-req-gap">
            <RequestPhotos photos={r.photos} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('req.history')}>
            <RequestHistory history={r.history} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
