import './residents-h5.css';
import { useState } from 'react';
import { Button, DatePicker, Form, NavBar, Selector, TextArea, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { residentsApi, visitsApi } from '../../api/endpoints';
import type { VisitMethod } from '../../api/types';
import { useI18n } from '../../i18n';
import { VISIT_METHODS, VISIT_METHOD_KEYS } from '../../modules/residents/labels';

interface Values {
  method: VisitMethod[];
  observations: string;
  needsFound?: string;
}

/** 登记走访 on the phone: when, how, what was seen, needs found. */
export function VisitPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [visitedAt, setVisitedAt] = useState<Date>(() => new Date());
  const [pickerOpen, setPickerOpen] = useState(false);
  const resident = useQuery({ queryKey: ['residents', 'detail', id], queryFn: () => residentsApi.get(id), enabled: Boolean(id), meta: { silent: true } });
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate(`/residents/${id}`, { replace: true }));
  const save = useMutation({
    mutationFn: (v: Values) =>
      visitsApi.create(id, {
        visitedAt: dayjs(visitedAt).format(),
        method: v.method[0] ?? 'home',
        observations: v.observations.trim(),
        needsFound: v.needsFound?.trim() ? v.needsFound.trim() : null,
      }),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('res.visitSaved') });
      await queryClient.invalidateQueries({ queryKey: ['visits'] });
      navigate(`/residents/${id}`, { replace: true });
    },
  });

  return (
    <div className="h5-app" data-testid="h5-visit">
      <NavBar onBack={back} className="h5-navbar" backIcon>
        {resident.data ? t('res.visitTitle', { name: resident.data.name }) : t('res.addVisit')}
      </NavBar>
      <main className="h5-main">
        <Form
          form={form}
          layout="vertical"
          mode="card"
          initialValues={{ method: ['home'] }}
          onFinish={(v) => save.mutate(v)}
          footer={
            <Button block type="submit" color="primary" size="large" loading={save.isPending} data-testid="h5-visit-submit">
              {t('common.ok')}
            </Button>
          }
          data-testid="h5-visit-form"
        >
          <Form.Item label={t('res.visitedAt')} onClick={() => setPickerOpen(true)} clickable>
            {dayjs(visitedAt).format('YYYY-MM-DD HH:mm')}
          </Form.Item>
          <Form.Item name="method" label={t('res.visitMethod')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Selector columns={4} options={VISIT_METHODS.map((m) => ({ value: m, label: t(VISIT_METHOD_KEYS[m]) }))} />
          </Form.Item>
          <Form.Item
            name="observations"
            label={t('res.observations')}
            rules={[{ required: true, whitespace: true, message: t('res.observationsRequired') }]}
          >
            <TextArea rows={4} maxLength={2000} showCount placeholder={t('res.observationsPlaceholder')} data-testid="h5-visit-observations" />
          </Form.Item>
          <Form.Item name="needsFound" label={t('res.needsFound')}>
            <TextArea rows={3} maxLength={2000} placeholder={t('res.needsFoundPlaceholder')} />
          </Form.Item>
        </Form>
        <DatePicker
          visible={pickerOpen}
          onClose={() => setPickerOpen(false)}
          precision="minute"
          max={new Date()}
          value={visitedAt}
          onConfirm={(d) => setVisitedAt(d)}
          confirmText={t('common.ok')}
          cancelText={t('common.cancel')}
        />
      </main>
    </div>
  );
}
