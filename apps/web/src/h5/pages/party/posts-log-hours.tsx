import { Button, Form, Input, Popup, Stepper, TextArea, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServicePostClaim } from '@gridwork/contracts';
import { servicePostsApi } from '../../../api/enrolments-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { chinaDay } from '../../../shared/china-day';

interface Values {
  servedOn: string;
  hours: number;
  note?: string;
}

// The date the member served is a Beijing date (sv-SE formats as YYYY-MM-DD).
const today = () => chinaDay();

/** 登记服务时长: the day served, hours in half-hour steps and a note; staff confirm it later. */
export function LogHoursPopup({ claim, onClose }: { claim: ServicePostClaim | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const log = useMutation({
    mutationFn: (v: Values) => servicePostsApi.logHours(claim!.id, { servedOn: v.servedOn, hours: v.hours, note: v.note?.trim() || null }),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5party.hoursLogged') });
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['service-posts'] });
    },
    onError: (error) => Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 }),
  });
  return (
    <Popup visible={claim !== null} onMaskClick={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, paddingBottom: 12 }} destroyOnClose>
      <Form
        form={form}
        layout="horizontal"
        initialValues={{ servedOn: today(), hours: 1 }}
        onFinish={(v) => log.mutate(v)}
        footer={
          <Button block type="submit" color="primary" loading={log.isPending} data-testid="h5-hours-submit">
            {t('h5party.hoursSubmit')}
          </Button>
        }
        data-testid="h5-hours-form"
      >
        <Form.Header>{t('h5party.logHoursFor', { title: claim?.postTitle ?? '' })}</Form.Header>
        <Form.Item name="servedOn" label={t('posts.servedOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="h5-hours-date" />
        </Form.Item>
        <Form.Item name="hours" label={t('posts.hoursCol')} rules={[{ required: true }]} help={t('h5party.hoursHint')}>
          <Stepper min={0.5} max={24} step={0.5} digits={1} data-testid="h5-hours-value" />
        </Form.Item>
        <Form.Item name="note" label={t('posts.note')}>
          <TextArea rows={2} maxLength={300} placeholder={t('h5party.hoursNotePlaceholder')} data-testid="h5-hours-note" />
        </Form.Item>
      </Form>
    </Popup>
  );
}
