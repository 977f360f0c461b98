import { Steps } from 'antd-mobile';
import type { RequestEvent } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useRequestLabels } from './request-labels';

/** The request's history, newest first: what happened, when, by whom, and the note. */
export function RequestTimeline({ history }: { history: readonly RequestEvent[] }) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  if (history.length === 0) return <div className="h5-muted h5r-pad">{t('h5r.noHistory')}</div>;
  const newestFirst = [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <Steps direction="vertical" className="h5r-steps" data-testid="h5-request-timeline">
      {newestFirst.map((e, index) => (
        <Steps.Step
          key={e.id}
          status={index === 0 ? 'process' : 'finish'}
          title={
            <span className="h5r-step-title" data-kind={e.kind}>
              {labels.event(e.kind)}
              {e.kind !== 'create' && e.toStatus && e.toStatus !== e.fromStatus ? <span className="h5r-step-status"> · {labels.status(e.toStatus)}</span> : null}
            </span>
          }
          description={
            <div className="h5r-step-desc">
              <div>
                {formatDateTime(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </div>
              {e.note ? <div className="h5-prewrap h5r-step-note">{e.note}</div> : null}
            </div>
          }
        />
      ))}
    </Steps>
  );
}
