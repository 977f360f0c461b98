import { useState } from 'react';
import { Button, Dialog, Stepper } from 'antd-mobile';
import type { StoreGoods } from '../../../api/service-types';
import { useI18n } from '../../../i18n';

interface Props {
  visible: boolean;
  goods: StoreGoods | null;
  balance: number;
  busy: boolean;
  onClose: () => void;
  onConfirm: (quantity: number) => void;
}

/** 预约兑换: how many, the points it costs and what is left after; confirm. */
export function ReserveDialog({ visible, goods, balance, busy, onClose, onConfirm }: Props) {
  const { t } = useI18n();
  const [quantity, setQuantity] = useState(1);
  const max = goods ? Math.max(1, Math.min(99, goods.stock)) : 1;
  const spend = goods ? goods.pointsPrice * quantity : 0;
  const after = balance - spend;
  const short = after < 0;
  return (
    <Dialog
      visible={visible && goods !== null}
      title={t('h5s.reserveTitle')}
      onClose={onClose}
      closeOnMaskClick={!busy}
      afterClose={() => setQuantity(1)}
      content={
        goods ? (
          <div className="h5s-reserve" data-testid="h5-store-reserve-dialog" data-goods-id={goods.id}>
            <div className="h5s-reserve-name">{goods.name}</div>
            <div className="h5s-reserve-row">
              <span>{t('h5s.quantity')}</span>
              <Stepper min={1} max={max} digits={0} value={quantity} onChange={(v) => setQuantity(Math.max(1, Math.min(max, Math.round(v || 1))))} data-testid="h5-store-quantity" />
            </div>
            <div className="h5s-reserve-row">
              <span>{t('h5s.spend')}</span>
              <strong data-testid="h5-store-spend">{t('h5s.pointsUnit', { n: spend })}</strong>
            </div>
            <div className="h5s-reserve-row">
              <span>{t('h5s.after')}</span>
              <strong className={short ? 'h5s-short' : undefined} data-testid="h5-store-after" data-after={after}>
                {short ? t('h5s.notEnough') : t('h5s.pointsUnit', { n: after })}
              </strong>
            </div>
            <div className="h5s-reserve-hint">{t('h5s.reserveHint')}</div>
            <div className="h5s-action-buttons">
              <Button onClick={onClose} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button color="primary" loading={busy} disabled={busy || short} onClick={() => onConfirm(quantity)} data-testid="h5-store-reserve-confirm">
                {t('h5s.reserveOk')}
              </Button>
            </div>
          </div>
        ) : null
      }
    />
  );
}
