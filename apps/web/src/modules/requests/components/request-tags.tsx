import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { DueState, RequestStatus, Triage, Urgency } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { DUE_COLORS, STATUS_COLORS, TRIAGE_COLORS, URGENCY_COLORS, useRequestLabels } from '../labels';

export function StatusTag({ status }: { status: RequestStatus }) {
  const labels = useRequestLabels();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="request-status" data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}

/** An unconfirmed triage is only the category's suggestion, so it is drawn dashed. */
export function TriageTag({ triage, confirmed = true }: { triage: Triage; confirmed?: boolean }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const tag = (
    <Tag color={TRIAGE_COLORS[triage]} className={confirmed ? undefined : 'gw-req-unconfirmed'} data-testid="request-triage">
      {labels.triage(triage)}
      {confirmed ? null : <QuestionCircleOutlined className="gw-req-tag-icon" />}
    </Tag>
  );
  return confirmed ? tag : <Tooltip title={t('req.triageUnconfirmed')}>{tag}</Tooltip>;
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const labels = useRequestLabels();
  if (urgency === 'normal') return <span className="gw-req-muted">{labels.urgency(urgency)}</span>;
  return <Tag color={URGENCY_COLORS[urgency]}>{labels.urgency(urgency)}</Tag>;
}

/** Deadline with its state: overdue red, due soon orange, otherwise plain text. */
export function DueTag({ dueState, deadline }: { dueState: DueState; deadline: string | null }) {
  const { formatDateTime } = useI18n();
  const labels = useRequestLabels();
  if (!deadline) return <span className="gw-req-muted">—</span>;
  const color = DUE_COLORS[dueState];
  if (!color) return <span className="gw-req-deadline">{formatDateTime(deadline)}</span>;
  return (
    <Tooltip title={formatDateTime(deadline)}>
      <Tag color={color} icon={<ClockCircleOutlined />} data-testid="request-due" data-due={dueState}>
        {labels.due(dueState)}
      </Tag>
    </Tooltip>
  );
}
