import { Empty, Rate, Tag, Timeline, Typography } from 'antd';
import { REQUEST_CHANNELS, TRIAGES } from '@gridwork/contracts';
import type { RequestChannel, RequestEvent, RequestStatus, Triage } from '../../../api/requests-types';
import { useI18n, type MessageKey } from '../../../i18n';
import { useRequestLabels, type RequestLabels } from '../labels';
import { StatusTag } from './request-tags';

/** Detail keys the server writes into history entries, with their labels; others show their raw key. */
const DETAIL_KEYS: Readonly<Record<string, MessageKey>> = {
  channel: 'req.channel',
  triageSuggested: 'req.detail.triageSuggested',
  triageReason: 'req.detail.triageReason',
  photos: 'req.detail.photos',
  triage: 'req.triage',
  owner: 'req.owner',
  previousOwner: 'req.detail.previousOwner',
  deadline: 'req.deadline',
  onTime: 'req.detail.onTime',
  method: 'req.followUpMethod',
  satisfaction: 'req.satisfaction',
  previousSatisfaction: 'req.detail.previousSatisfaction',
  to: 'req.detail.escalatedTo',
  escalatedTo: 'req.detail.autoEscalatedTo',
};

const EVENT_COLORS: Partial<Record<RequestEvent['kind'], string>> = {
  create: 'blue',
  resolve: 'green',
  'follow-up': 'green',
  close: 'gray',
  reject: 'red',
  overdue: 'red',
  'due-soon': 'orange',
  escalate: 'orange',
  reopen: 'orange',
};

function isIsoDateTime(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v);
}

function isTriage(v: unknown): v is Triage {
  return typeof v === 'string' && (TRIAGES as readonly string[]).includes(v);
}

function isChannel(v: unknown): v is RequestChannel {
  return typeof v === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function DetailValue({ name, value, labels }: { name: string; value: unknown; labels: RequestLabels }) {
  const { t, formatDateTime } = useI18n();
  if (value === null || value === undefined || value === '') return <>—</>;
  if ((name === 'satisfaction' || name === 'previousSatisfaction') && typeof value === 'number') return <Rate disabled value={value} className="gw-req-rate-small" />;
  if (isTriage(value)) return <>{labels.triage(value)}</>;
  // A re-triage is recorded as { from, to }.
  if (name === 'triage' && isRecord(value) && isTriage(value.from) && isTriage(value.to)) return <>{`${labels.triage(value.from)} → ${labels.triage(value.to)}`}</>;
  if (name === 'channel' && isChannel(value)) return <>{labels.channel(value)}</>;
  if (name === 'method' && (value === 'call' || value === 'visit' || value === 'self')) return <>{t(`req.method.${value}`)}</>;
  if (typeof value === 'string') return <>{isIsoDateTime(value) ? formatDateTime(value) : value}</>;
  if (typeof value === 'number') return <>{value}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value)) return <>{value.map(String).join(t('common.listSeparator'))}</>;
  return <code>{JSON.stringify(value)}</code>;
}

function Transition({ from, to }: { from: RequestStatus | null; to: RequestStatus | null }) {
  if (!to || from === to) return null;
  return (
    <span className="gw-req-transition">
      {from ? <StatusTag status={from} /> : null}
      {from ? <span className="gw-req-arrow">→</span> : null}
      <StatusTag status={to} />
    </span>
  );
}

/** 办理记录: who did what and when, oldest first, as the register's audit trail. */
export function RequestHistory({ history }: { history: readonly RequestEvent[] }) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const detailLabel = (k: string) => {
    const key = DETAIL_KEYS[k];
    return key ? t(key) : k;
  };
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('req.noHistory')} />;
  const events = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="request-history"
      items={events.map((e) => {
        const details = Object.entries(e.details).filter(([, v]) => v !== null && v !== undefined && v !== '');
        return {
          key: e.id,
          color: EVENT_COLORS[e.kind] ?? 'blue',
          content: (
            <div className="gw-req-event" data-testid="request-event" data-kind={e.kind}>
              <Typography.Text type="secondary" className="gw-req-event-time">
                {formatDateTime(e.at)}
              </Typography.Text>
              <div className="gw-req-event-head">
                <Tag>{labels.event(e.kind)}</Tag>
                <Typography.Text strong>{e.actorName ?? t('req.system')}</Typography.Text>
                <Transition from={e.fromStatus} to={e.toStatus} />
              </div>
              {e.note ? <div className="gw-req-prewrap">{e.note}</div> : null}
              {details.length > 0 ? (
                <dl className="gw-req-event-details">
                  {details.map(([k, v]) => (
                    <div key={k}>
                      <dt>{detailLabel(k)}</dt>
                      <dd>
                        <DetailValue name={k} value={v} labels={labels} />
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
