import { useEffect, useState } from 'react';
import { App, Form, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FREQUENCY_PERIODS, type FrequencyPeriod, type OrgLifeFrequencies, type OrgLifeFrequency, type OrgLifeSessionType } from '@gridwork/contracts';
import { orgLifeApi } from '../../api/org-life-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { orgLifeLabels } from './org-life-labels';
import { ORG_LIFE_KEY } from './org-life-session-form-modal';

type Item = OrgLifeFrequencies['items'][number];
const FREQUENCY_PLACE_TYPES = ['community', 'subdistrict', 'district'];

/** 频次设置: the required frequency per session type, set for a community, subdistrict or the district. */
export function OrgLifeFrequenciesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const labels = orgLifeLabels(locale);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [placeId, setPlaceId] = useState<string | undefined>();
  const current = useQuery({ queryKey: [...ORG_LIFE_KEY, 'frequencies', placeId ?? 'default'], queryFn: () => orgLifeApi.frequencies(placeId), enabled: open });
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    if (current.data) {
      setItems(current.data.items);
      setPlaceId((p) => p ?? current.data.placeId);
    }
  }, [current.data]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: () => orgLifeApi.setFrequencies({ placeId: placeId!, items: items.map(({ type, period, requiredCount }): OrgLifeFrequency => ({ type, period, requiredCount })) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
      void message.success(t('orgLife.frequenciesSaved'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const change = (type: OrgLifeSessionType, patch: Partial<Item>) => setItems((list) => list.map((i) => (i.type === type ? { ...i, ...patch } : i)));
  const columns: TableColumnsType<Item> = [
    { title: t('orgLife.type'), dataIndex: 'type', render: (v: OrgLifeSessionType) => labels.type(v) },
    {
      title: t('orgLife.frequencyPeriod'),
      dataIndex: 'period',
      width: 130,
      render: (v: FrequencyPeriod, i) => <Select size="small" value={v} style={{ width: 110 }} options={FREQUENCY_PERIODS.map((p) => ({ value: p, label: labels.period(p) }))} onChange={(period) => change(i.type, { period })} />,
    },
    {
      title: t('orgLife.frequencyCount'),
      dataIndex: 'requiredCount',
      width: 110,
      render: (v: number, i) => <InputNumber size="small" min={1} max={31} precision={0} value={v} onChange={(n) => n && change(i.type, { requiredCount: n })} />,
    },
    { title: t('orgLife.frequencySetAt'), dataIndex: 'setAt', width: 140, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('orgLife.frequencyDefault')}</Typography.Text> },
  ];

  return (
    <Modal open={open} title={t('orgLife.frequenciesTitle')} onCancel={onClose} onOk={() => save.mutate()} okButtonProps={{ disabled: !placeId || items.length === 0 }} confirmLoading={save.isPending} width={640} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('orgLife.frequenciesHint')}</Typography.Text>
        <Form layout="vertical">
          <Form.Item label={t('orgLife.frequenciesPlace')}>
            <PlaceTreeSelect value={placeId} onChange={setPlaceId} canPick={(p) => FREQUENCY_PLACE_TYPES.includes(p.type)} data-testid="org-life-frequency-place" />
          </Form.Item>
        </Form>
        <Table<Item> rowKey="type" size="small" pagination={false} columns={columns} dataSource={items} loading={current.isFetching} data-testid="org-life-frequencies" />
      </Space>
    </Modal>
  );
}
