import { App, Button, Card, Empty, Input, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { storeApi } from '../../../api/service-endpoints';
import type { StoreRedemption } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { useCursorPager } from '../../../shared/use-cursor-pager';
import { CursorPager } from '../../../admin/components/cursor-pager';
import { REDEMPTIONS_KEY, STORE_KEY } from '../queries';
import { RefreshButton } from '../../../admin/components/refresh-button';

/** 待领取: redemptions residents reserved on their phones; handed over at the counter, or cancelled (stock back, points refunded). */
export function ReservationsCard({ residentId, residentName }: { residentId?: string; residentName?: string }) {
  const { t, formatDateTime } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const pager = useCursorPager(20);
  const [onlyResident, setOnlyResident] = useState(false);
  const forResident = onlyResident && residentId ? residentId : undefined;

  const query = { status: 'reserved' as const, residentId: forResident, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...REDEMPTIONS_KEY, 'reserved', query], queryFn: () => storeApi.redemptions(query), placeholderData: keepPreviousData });
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: STORE_KEY });
    await queryClient.invalidateQueries({ queryKey: ['points'] });
  };
  const pickUp = useMutation({
    mutationFn: (r: StoreRedemption) => storeApi.pickUp(r.id),
    onSuccess: async (r) => {
      void message.success(t('shop.pickedUp', { name: r.residentName, goods: r.goodsName, quantity: r.quantity, unit: r.unit }));
      await done();
    },
  });
  const cancel = useMutation({
    mutationFn: (v: { r: StoreRedemption; reason?: string }) => storeApi.cancelRedemption(v.r.id, v.reason),
    onSuccess: async (r) => {
      void message.success(t('shop.cancelled', { name: r.residentName, points: r.points }));
      await done();
    },
  });

  const onPickUp = (r: StoreRedemption) =>
    modal.confirm({
      title: t('shop.pickUpConfirm', { name: r.residentName }),
      content: t('shop.pickUpConfirmDetail', { goods: r.goodsName, quantity: r.quantity, unit: r.unit }),
      okText: t('shop.pickUp'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'reservation-pick-up-ok' },
      onOk: () => pickUp.mutateAsync(r).catch(() => undefined),
    });

  const onCancel = (r: StoreRedemption) => {
    let reason = '';
    modal.confirm({
      title: t('shop.cancelConfirm', { name: r.residentName }),
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('shop.cancelConfirmDetail', { points: r.points })}</Typography.Text>
          <Input maxLength={200} placeholder={t('shop.cancelReason')} onChange={(e) => (reason = e.target.value)} data-testid="reservation-cancel-reason" />
        </Space>
      ),
      okText: t('shop.cancelRedemption'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'reservation-cancel-ok' },
      onOk: () => cancel.mutateAsync({ r, reason: reason.trim() || undefined }).catch(() => undefined),
    });
  };

  const columns: TableColumnsType<StoreRedemption> = [
    { title: t('shop.reservedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('shop.resident'), dataIndex: 'residentName', width: 100 },
    { title: t('shop.goodsName'), dataIndex: 'goodsName', width: 160, render: (v: string, r) => `${v} × ${r.quantity}${r.unit}` },
    { title: t('shop.points'), dataIndex: 'points', width: 80, align: 'right', render: (v: number) => <span className="gw-svc-price">{v}</span> },
    { title: t('shop.store'), dataIndex: 'placeName', width: 140 },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onPickUp(r)} data-testid="reservation-pick-up">
            {t('shop.pickUp')}
          </Button>
          <Button type="link" size="small" danger onClick={() => onCancel(r)} data-testid="reservation-cancel">
            {t('shop.cancelRedemption')}
          </Button>
        </Space>
      ),
    },
  ];

  const items = list.data?.items ?? [];
  return (
    <Card
      title={t('shop.reservations')}
      className="gw-svc-gap"
      data-testid="store-reservations"
      extra={
        <Space>
          {residentId ? (
            <Segmented
              size="small"
              value={onlyResident ? 'one' : 'all'}
              onChange={(v) => {
                setOnlyResident(v === 'one');
                pager.reset();
              }}
              options={[
                { value: 'all', label: t('shop.all') },
                { value: 'one', label: residentName ?? t('shop.resident') },
              ]}
            />
          ) : null}
          <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: REDEMPTIONS_KEY })} size="small" />
        </Space>
      }
    >
      <Table<StoreRedemption>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 780 }}
        size="small"
        data-testid="reservation-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shop.reservationsEmpty')} /> }}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} testId="reservation-pager" />
    </Card>
  );
}
