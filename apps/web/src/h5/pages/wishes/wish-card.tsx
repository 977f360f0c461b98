import { useState } from 'react';
import { Button, Card, Dialog, Tag, Toast } from 'antd-mobile';
import { WISH_CLAIM_DAYS } from '@gridwork/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { wishesApi } from '../../../api/requests-endpoints';
import type { Wish } from '../../../api/requests-types';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { WISH_COLORS, useRequestLabels } from '../requests/request-labels';
import { FulfilDialog } from './fulfil-dialog';

type Step = { kind: 'claim' } | { kind: 'fulfil'; note: string } | { kind: 'confirm' } | { kind: 'cancel' };

const DONE: Record<Step['kind'], MessageKey> = { claim: 'h5w.claimed', fulfil: 'h5w.fulfilled', confirm: 'h5w.confirmed', cancel: 'h5w.cancelled' };

/** One wish on the wall, with what the viewer may do with it now. */
export function WishCard({ wish: w }: { wish: Wish }) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [fulfilling, setFulfilling] = useState(false);
  const act = useMutation({
    mutationFn: (step: Step) => {
      switch (step.kind) {
        case 'claim':
          return wishesApi.claim(w.id);
        case 'fulfil':
          return wishesApi.fulfil(w.id, step.note);
        case 'confirm':
          return wishesApi.confirm(w.id);
        case 'cancel':
          return wishesApi.cancel(w.id);
      }
    },
    onSuccess: async (_, step) => {
      setFulfilling(false);
      Toast.show({ icon: 'success', content: t(DONE[step.kind]) });
      await queryClient.invalidateQueries({ queryKey: ['wishes'] });
    },
  });
  const ask = async (content: string, step: Step) => {
    if (await Dialog.confirm({ content, confirmText: t('common.ok'), cancelText: t('common.cancel') })) act.mutate(step);
  };

  const mayClaim = w.status === 'open' && !w.postedByMe && can('wish.claim');
  const mayFulfil = w.status === 'claimed' && w.claimedByMe;
  const mayConfirm = w.status === 'fulfilled' && w.postedByMe;
  const mayCancel = w.status === 'open' && w.postedByMe;

  return (
    <Card className="h5w-card" data-wish-id={w.id} data-status={w.status} data-testid="h5-wish-card">
      <div className="h5w-card-head">
        <span className="h5w-card-title">{w.title}</span>
        <Tag color={WISH_COLORS[w.status]}>{labels.wishStatus(w.status)}</Tag>
      </div>
      <div className="h5w-card-text">{w.description}</div>
      <div className="h5w-card-meta">
        <span>{t('h5w.beneficiaryValue', { name: w.beneficiary })}</span>
        <span>{w.placeName}</span>
        <span>{formatDateTime(w.createdAt)}</span>
        {w.claimantName && w.status !== 'open' ? (
          <span>{t('h5w.claimantValue', { name: w.claimantName })}</span>
        ) : null}
        {mayFulfil && w.claimExpiresAt ? <span className="h5w-due">{t('h5w.claimBy', { date: formatDateTime(w.claimExpiresAt) })}</span> : null}
      </div>
      {w.fulfilmentNote ? <div className="h5w-card-note">{t('h5w.fulfilmentNote', { note: w.fulfilmentNote })}</div> : null}
      {mayClaim || mayFulfil || mayConfirm || mayCancel ? (
        <div className="h5w-card-actions">
          {mayCancel ? (
            <Button size="small" fill="outline" loading={act.isPending} onClick={() => void ask(t('h5w.cancelAsk', { title: w.title }), { kind: 'cancel' })} data-testid="h5-wish-cancel">
              {t('h5w.cancel')}
            </Button>
          ) : null}
          {mayClaim ? (
            <Button
              size="small"
              color="primary"
              loading={act.isPending}
              onClick={() => void ask(t('h5w.claimConfirm', { title: w.title, days: WISH_CLAIM_DAYS }), { kind: 'claim' })}
              data-testid="h5-wish-claim"
            >
              {t('h5w.claim')}
            </Button>
          ) : null}
          {mayFulfil ? (
            <Button size="small" color="primary" loading={act.isPending} onClick={() => setFulfilling(true)} data-testid="h5-wish-fulfil">
              {t('h5w.fulfil')}
            </Button>
          ) : null}
          {mayConfirm ? (
            <Button size="small" color="success" loading={act.isPending} onClick={() => void ask(t('h5w.confirmAsk', { title: w.title }), { kind: 'confirm' })} data-testid="h5-wish-confirm">
              {t('h5w.confirm')}
            </Button>
          ) : null}
        </div>
      ) : null}
      <FulfilDialog visible={fulfilling} busy={act.isPending} onClose={() => setFulfilling(false)} onSubmit={(note) => act.mutate({ kind: 'fulfil', note })} />
    </Card>
  );
}
