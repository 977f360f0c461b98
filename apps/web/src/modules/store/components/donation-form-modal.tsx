import { App, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DONOR_TYPES } from '@gridwork/contracts';
import { storeApi } from '../../../api/service-endpoints';
import type { CreateStoreDonation, DonationKind, DonorType } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { DONOR_TYPE_KEYS } from '../labels';
import { GOODS_KEY, STORE_KEY } from '../queries';

const NEW_GOODS = '__new__';

interface Values {
  kind: DonationKind;
  donorType: DonorType;
  donorName: string;
  note?: string;
  placeId?: string;
  goodsId?: string;
  newName?: string;
  newCategory?: string;
  newPrice?: number;
  newUnit?: string;
  quantity?: number;
  estimatedValue?: number;
  amount?: number;
  purpose?: string;
}

function bodyOf(v: Values): CreateStoreDonation {
  const donor = { donorType: v.donorType, donorName: v.donorName.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
  if (v.kind === 'cash') return { kind: 'cash', ...donor, placeId: v.placeId ?? '', amount: v.amount ?? 0, purpose: v.purpose?.trim() ?? '' };
  const goods =
    v.goodsId === NEW_GOODS
      ? { placeId: v.placeId ?? '', newGoods: { name: v.newName?.trim() ?? '', category: v.newCategory?.trim() ?? '', pointsPrice: v.newPrice ?? 0, unit: v.newUnit?.trim() ?? '' } }
      : { goodsId: v.goodsId ?? '' };
  return { kind: 'goods', ...donor, ...goods, quantity: v.quantity ?? 0, estimatedValue: v.estimatedValue ?? 0 };
}

/** 登记捐赠: goods in (adds to stock; new goods enter the catalogue) or cash, recorded only. */
export function DonationFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'goods';
  const goodsId = Form.useWatch('goodsId', form);
  const placeId = Form.useWatch('placeId', form);
  const goods = useQuery({
    queryKey: [...GOODS_KEY, 'list', 'pick', placeId],
    queryFn: () => storeApi.goods({ placeId, limit: 200 }),
    enabled: kind === 'goods' && Boolean(placeId),
    staleTime: 30_000,
  });
  const isNew = goodsId === NEW_GOODS;

  const donate = useMutation({
    mutationFn: (body: CreateStoreDonation) => storeApi.donate(body),
    onSuccess: async (d) => {
      void message.success(d.kind === 'goods' ? t('shop.donationGoodsDone', { donor: d.donorName, goods: d.goodsName ?? '', quantity: d.quantity ?? 0 }) : t('shop.donationCashDone', { donor: d.donorName }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: STORE_KEY });
    },
  });

  return (
    <Modal
      open
      width={640}
      title={t('shop.donationCreateTitle')}
      okText={t('shop.donationCreateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={donate.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'donation-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values> form={form} layout="vertical" clearOnDestroy initialValues={{ kind: 'goods', donorType: 'resident', quantity: 1 }} onFinish={(v) => donate.mutate(bodyOf(v))} data-testid="donation-form">
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={t('shop.donationKind')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'goods', label: t('shop.kind.goods') },
                { value: 'cash', label: t('shop.kind.cash') },
              ]}
              data-testid="donation-form-kind"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="placeId" label={t('shop.store')} rules={[{ required: kind === 'cash' || isNew || !goodsId, message: t('shop.storeRequired') }]}>
            <PlaceTreeSelect
              canPick={(p) => p.type === 'community'}
              onChange={() => form.setFieldValue('goodsId', undefined)}
              data-testid="donation-form-place"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="donorType" label={t('shop.donorType')}>
            <Select options={DONOR_TYPES.map((d) => ({ value: d, label: t(DONOR_TYPE_KEYS[d]) }))} data-testid="donation-form-donor-type" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="donorName"
            label={t('shop.donorName')}
            rules={[
              { required: true, whitespace: true, message: t('shop.donorNameRequired') },
              { max: 60, message: t('form.maxLength', { max: 60 }) },
            ]}
          >
            <Input maxLength={60} data-testid="donation-form-donor-name" />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'goods' ? (
        <>
          <Form.Item name="goodsId" label={t('shop.donationGoods')} extra={placeId ? undefined : t('shop.pickStoreFirst')} rules={[{ required: true, message: t('shop.goodsRequired') }]}>
            <Select
              disabled={!placeId}
              showSearch={{ optionFilterProp: 'label' }}
              loading={goods.isFetching}
              options={[
                ...(goods.data?.items ?? []).map((g) => ({ value: g.id, label: t('shop.goodsOption', { name: g.name, stock: g.stock, unit: g.unit }) })),
                { value: NEW_GOODS, label: t('shop.newGoods') },
              ]}
              data-testid="donation-form-goods"
            />
          </Form.Item>
          {isNew ? (
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="newName" label={t('shop.goodsName')} rules={[{ required: true, whitespace: true, message: t('shop.goodsNameRequired') }, { max: 40, message: t('form.maxLength', { max: 40 }) }]}>
                  <Input maxLength={40} data-testid="donation-form-new-name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="newCategory" label={t('shop.category')} rules={[{ required: true, whitespace: true, message: t('shop.categoryRequired') }, { max: 20, message: t('form.maxLength', { max: 20 }) }]}>
                  <Input maxLength={20} placeholder={t('shop.categoryPlaceholder')} data-testid="donation-form-new-category" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="newPrice" label={t('shop.price')} rules={[{ required: true, message: t('shop.priceRequired') }]}>
                  <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} data-testid="donation-form-new-price" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="newUnit" label={t('shop.unit')} rules={[{ required: true, whitespace: true, message: t('shop.unitRequired') }, { max: 10, message: t('form.maxLength', { max: 10 }) }]}>
                  <Input maxLength={10} placeholder={t('shop.defaultUnit')} data-testid="donation-form-new-unit" />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          <Row gutter={16}>
            <Col xs={12}>
              <Form.Item name="quantity" label={t('shop.quantity')} rules={[{ required: true, message: t('shop.quantityRequired') }]}>
                <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} data-testid="donation-form-quantity" />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="estimatedValue" label={t('shop.estimatedValue')} rules={[{ required: true, message: t('shop.valueRequired') }]}>
                <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="donation-form-value" />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('shop.cashHelp')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} sm={10}>
              <Form.Item name="amount" label={t('shop.cashAmount')} rules={[{ required: true, message: t('shop.valueRequired') }]}>
                <InputNumber min={0.01} max={100_000_000} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="donation-form-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item name="purpose" label={t('shop.purpose')} rules={[{ required: true, whitespace: true, message: t('shop.purposeRequired') }, { max: 200, message: t('form.maxLength', { max: 200 }) }]}>
                <Input maxLength={200} placeholder={t('shop.purposePlaceholder')} data-testid="donation-form-purpose" />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      <Form.Item name="note" label={t('shop.note')} rules={[{ max: 200, message: t('form.maxLength', { max: 200 }) }]}>
        <Input maxLength={200} placeholder={t('form.optional')} data-testid="donation-form-note" />
      </Form.Item>
    </Modal>
  );
}
