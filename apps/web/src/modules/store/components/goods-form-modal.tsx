import { App, Col, Form, Input, InputNumber, Modal, Row, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { storeApi } from '../../../api/service-endpoints';
import type { StoreGoods } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { STORE_KEY } from '../queries';

interface Values {
  placeId?: string;
  name: string;
  category: string;
  pointsPrice: number;
  stock?: number;
  unit: string;
  active: boolean;
}

/** 新增 / 编辑物品: price in points, unit, category, on sale or not. Stock is set once here and then moves only through donations and redemptions. */
export function GoodsFormModal({ goods, onClose }: { goods?: StoreGoods; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = Boolean(goods);

  const save = useMutation({
    mutationFn: (v: Values) =>
      goods
        ? storeApi.updateGoods(goods.id, { name: v.name.trim(), category: v.category.trim(), pointsPrice: v.pointsPrice, unit: v.unit.trim(), active: v.active })
        : storeApi.createGoods({ placeId: v.placeId ?? '', name: v.name.trim(), category: v.category.trim(), pointsPrice: v.pointsPrice, stock: v.stock ?? 0, unit: v.unit.trim(), active: v.active }),
    onSuccess: async (saved) => {
      void message.success(t(editing ? 'shop.goodsSaved' : 'shop.goodsCreated', { name: saved.name }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: STORE_KEY });
    },
  });

  return (
    <Modal
      open
      width={600}
      title={goods ? t('shop.goodsEditTitle', { name: goods.name }) : t('shop.goodsCreateTitle')}
      okText={goods ? t('shop.save') : t('shop.goodsCreateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'goods-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={goods ? { ...goods } : { stock: 0, active: true, unit: t('shop.defaultUnit') }}
          onFinish={(v) => save.mutate(v)}
          data-testid="goods-form"
        >
          {dom}
        </Form>
      )}
    >
      {goods ? (
        <Typography.Paragraph type="secondary">{t('shop.goodsEditHelp', { place: goods.placeName, stock: goods.stock, unit: goods.unit })}</Typography.Paragraph>
      ) : (
        <Form.Item name="placeId" label={t('shop.store')} extra={t('shop.storeHelp')} rules={[{ required: true, message: t('shop.storeRequired') }]}>
          <PlaceTreeSelect canPick={(p) => p.type === 'community'} data-testid="goods-form-place" />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('shop.goodsName')}
            rules={[
              { required: true, whitespace: true, message: t('shop.goodsNameRequired') },
              { max: 40, message: t('form.maxLength', { max: 40 }) },
            ]}
          >
            <Input maxLength={40} data-testid="goods-form-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="category"
            label={t('shop.category')}
            rules={[
              { required: true, whitespace: true, message: t('shop.categoryRequired') },
              { max: 20, message: t('form.maxLength', { max: 20 }) },
            ]}
          >
            <Input maxLength={20} placeholder={t('shop.categoryPlaceholder')} data-testid="goods-form-category" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="pointsPrice" label={t('shop.price')} rules={[{ required: true, message: t('shop.priceRequired') }]}>
            <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} data-testid="goods-form-price" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name="unit"
            label={t('shop.unit')}
            rules={[
              { required: true, whitespace: true, message: t('shop.unitRequired') },
              { max: 10, message: t('form.maxLength', { max: 10 }) },
            ]}
          >
            <Input maxLength={10} data-testid="goods-form-unit" />
          </Form.Item>
        </Col>
        {!goods ? (
          <Col xs={12} sm={8}>
            <Form.Item name="stock" label={t('shop.openingStock')} tooltip={t('shop.openingStockHelp')}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="goods-form-stock" />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} sm={8}>
          <Form.Item name="active" label={t('shop.active')} valuePropName="checked">
            <Switch data-testid="goods-form-active" />
          </Form.Item>
        </Col>
      </Row>
    </Modal>
  );
}
