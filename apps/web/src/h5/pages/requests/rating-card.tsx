import { useState } from 'react';
import { Button, List, Rate, Selector, TextArea, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestsApi } from '../../../api/requests-endpoints';
import type { ServiceRequest } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useRequestLabels } from './request-labels';

type StaffMethod = 'call' | 'visit';

/** The given rating, or — when the viewer may follow up — the form to give it. */
export function RatingCard({ request }: { request: ServiceRequest }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  if (request.satisfaction !== null) {
    return (
      <List mode="card" header={<span className="h5-section-title">{t('h5r.myRating')}</span>} data-testid="h5-request-rating">
        <List.Item description={request.followUpComment ? <span className="h5-prewrap">{request.followUpComment}</span> : undefined}>
          <div className="h5r-rating-given">
            <Rate readOnly value={request.satisfaction} />
            <span className="h5r-rating-label">{labels.rating(request.satisfaction)}</span>
          </div>
        </List.Item>
      </List>
    );
  }
  if (!request.allowedActions.includes('follow-up')) return null;
  return <RatingForm request={request} />;
}

function RatingForm({ request }: { request: ServiceRequest }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const queryClient = useQueryClient();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  // A worker or staff member records the resident's answer; the reporter rates for themselves.
  const [method, setMethod] = useState<StaffMethod>('call');
  const send = useMutation({
    mutationFn: () =>
      requestsApi.transition(request.id, {
        action: 'follow-up',
        method: request.reporterIsMe ? 'self' : method,
        satisfaction: score,
        comment: comment.trim() ? comment.trim() : null,
      }),
    onSuccess: (updated) => {
      Toast.show({ icon: 'success', content: t('h5r.rated') });
      queryClient.setQueryData(['requests', 'detail', request.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['requests', 'mine'] });
    },
  });
  const submit = () => {
    if (score < 1) {
      Toast.show({ content: t('h5r.rateRequired') });
      return;
    }
    send.mutate();
  };

  return (
    <List mode="card" header={<span className="h5-section-title">{t('h5r.rateTitle')}</span>} data-testid="h5-request-rate-form">
      <List.Item>
        <div className="h5r-rate-hint">{t('h5r.rateHint')}</div>
        <div className="h5r-rate-stars">
          <Rate value={score} onChange={setScore} allowClear={false} data-testid="h5-request-rate" />
          <span className="h5r-rating-label">{score > 0 ? labels.rating(score) : ''}</span>
        </div>
      </List.Item>
      {request.reporterIsMe ? null : (
        <List.Item title={t('h5r.rateMethod')}>
          <Selector
            columns={2}
            value={[method]}
            onChange={(v) => v[0] && setMethod(v[0])}
            options={[
              { value: 'call' as const, label: t('h5r.rateMethod.call') },
              { value: 'visit' as const, label: t('h5r.rateMethod.visit') },
            ]}
          />
        </List.Item>
      )}
      <List.Item title={t('h5r.rateComment')}>
        <TextArea
          value={comment}
          onChange={setComment}
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('h5r.rateCommentPlaceholder')}
          data-testid="h5-request-rate-comment"
        />
      </List.Item>
      <List.Item>
        <Button block color="primary" loading={send.isPending} disabled={send.isPending} onClick={submit} data-testid="h5-request-rate-submit">
          {t('h5r.rateSubmit')}
        </Button>
      </List.Item>
    </List>
  );
}
