import { App, Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, EnvironmentOutlined, HeartOutlined, StopOutlined, UserOutlined } from '@ant-design/icons';
import { WISH_CLAIM_DAYS } from '@gridwork/contracts';
import type { Wish } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { useRequestLabels } from '../../requests/labels';
import { CLAIM_WARN_DAYS, WISH_STATUS_COLORS, daysLeft, wishAbilities } from '../labels';
import { useWishStep } from '../queries';

function ClaimExpiry({ at }: { at: string }) {
  const { t, formatDateTime } = useI18n();
  const days = daysLeft(at);
  const text = t('wish.claimExpires', { at: formatDateTime(at) });
  if (days > CLAIM_WARN_DAYS) return <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Tooltip title={text}>
      <Tag color={days <= 0 ? 'red' : 'orange'} icon={<ClockCircleOutlined />} data-testid="wish-claim-expiry">
        {days <= 0 ? t('wish.claimLapsing') : t('wish.claimDaysLeft', { n: days })}
      </Tag>
    </Tooltip>
  );
}

/** One wish on the wall, with the steps the viewer may take. */
export function WishCard({ wish, onFulfil }: { wish: Wish; onFulfil: (wish: Wish) => void }) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const labels = useRequestLabels();
  const { modal } = App.useApp();
  const step = useWishStep();
  const may = wishAbilities(wish, can);
  const busy = step.isPending;

  const confirmClaim = () =>
    modal.confirm({
      title: t('wish.claimConfirm', { title: wish.title }),
      content: t('wish.claimConfirmDetail', { days: WISH_CLAIM_DAYS }),
      okText: t('wish.claim'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'wish-claim-confirm' },
      onOk: () => step.mutateAsync({ kind: 'claim', id: wish.id }).catch(() => undefined),
    });
  const confirmDone = () =>
    modal.confirm({
      title: t('wish.confirmConfirm', { title: wish.title }),
      content: wish.fulfilmentNote ?? undefined,
      okText: t('wish.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'wish-confirm-confirm' },
      onOk: () => step.mutateAsync({ kind: 'confirm', id: wish.id }).catch(() => undefined),
    });
  const confirmCancel = () =>
    modal.confirm({
      title: t('wish.cancelConfirm', { title: wish.title }),
      content: t('wish.cancelConfirmDetail'),
      okText: t('wish.cancel'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'wish-cancel-confirm' },
      onOk: () => step.mutateAsync({ kind: 'cancel', id: wish.id }).catch(() => undefined),
    });

  const actions = [
    may.claim ? (
      <Button key="claim" type="primary" icon={<HeartOutlined />} loading={busy} onClick={confirmClaim} data-testid="wish-claim">
        {t('wish.claim')}
      </Button>
    ) : null,
    may.fulfil ? (
      <Button key="fulfil" type="primary" icon={<CheckCircleOutlined />} onClick={() => onFulfil(wish)} data-testid="wish-fulfil">
        {t('wish.fulfil')}
      </Button>
    ) : null,
    may.confirm ? (
      <Button key="confirm" type="primary" icon={<CheckCircleOutlined />} loading={busy} onClick={confirmDone} data-testid="wish-confirm">
        {t('wish.confirm')}
      </Button>
    ) : null,
    may.cancel ? (
      <Button key="cancel" danger type="text" icon={<StopOutlined />} loading={busy} onClick={confirmCancel} data-testid="wish-cancel">
        {t('wish.cancel')}
      </Button>
    ) : null,
  ].filter(Boolean);

  return (
    <Card
      className="gw-wish-card"
      title={
        <Space size={6} wrap>
          <span className="gw-wish-title">{wish.title}</span>
          <Tag color={WISH_STATUS_COLORS[wish.status]} data-testid="wish-status" data-status={wish.status}>
            {labels.wishStatus(wish.status)}
          </Tag>
        </Space>
      }
      data-testid="wish-card"
    >
      <div className="gw-wish-who">
        <span>
          <UserOutlined /> {wish.beneficiary}
        </span>
        <span>
          <EnvironmentOutlined /> {wish.placeName}
        </span>
        {wish.postedByMe ? <Tag>{t('wish.postedByMe')}</Tag> : null}
      </div>
      <Typography.Paragraph className="gw-wish-description" ellipsis={{ rows: 3, expandable: true, symbol: t('common.more') }}>
        {wish.description}
      </Typography.Paragraph>
      {wish.claimantName ? (
        <div className="gw-wish-line">
          <Typography.Text type="secondary">{t('wish.claimant')}</Typography.Text> {wish.claimantName}
          {wish.claimedByMe ? <Tag className="gw-wish-me">{t('wish.me')}</Tag> : null}
          {wish.claimedAt ? <Typography.Text type="secondary"> · {formatDateTime(wish.claimedAt)}</Typography.Text> : null}
        </div>
      ) : null}
      {wish.status === 'claimed' && wish.claimExpiresAt ? (
        <div className="gw-wish-line">
          <ClaimExpiry at={wish.claimExpiresAt} />
        </div>
      ) : null}
      {wish.fulfilmentNote ? (
        <div className="gw-wish-note">
          <Typography.Text type="secondary">{t('wish.fulfilmentNote')}</Typography.Text>
          <div className="gw-wish-prewrap">{wish.fulfilmentNote}</div>
        </div>
      ) : null}
      <div className="gw-wish-foot">
        <Typography.Text type="secondary" className="gw-wish-date">
          {wish.confirmedAt
            ? t('wish.confirmedAt', { at: formatDateTime(wish.confirmedAt) })
            : wish.fulfilledAt
              ? t('wish.fulfilledAt', { at: formatDateTime(wish.fulfilledAt) })
              : t('wish.postedAt', { at: formatDateTime(wish.createdAt) })}
        </Typography.Text>
        {actions.length > 0 ? <Space size={4}>{actions}</Space> : null}
      </div>
    </Card>
  );
}
