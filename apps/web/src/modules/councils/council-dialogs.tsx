import { App, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { CouncilAgendaItem } from '@gridwork/contracts';
import { councilsApi } from '../../api/councils-endpoints';
import { useI18n } from '../../i18n';

export const COUNCIL_KEY = ['council-agenda'] as const;

type Close = () => void;

function useSaved(messageKey: 'council.scheduled' | 'council.decided', onClose: Close) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async () => {
    void message.success(t(messageKey));
    onClose();
    await queryClient.invalidateQueries({ queryKey: COUNCIL_KEY });
  };
}

/** 说事 → 议事: the day the council meets on this item. */
export function ScheduleDialog({ item, onClose }: { item: CouncilAgendaItem; onClose: Close }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ meetingOn: Dayjs }>();
  const saved = useSaved('council.scheduled', onClose);
  const schedule = useMutation({ mutationFn: (meetingOn: string) => councilsApi.schedule(item.id, meetingOn), onSuccess: saved });
  return (
    <Modal open title={t('council.scheduleTitle')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={schedule.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <p>{item.title}</p>
      <Form form={form} layout="vertical" initialValues={{ meetingOn: item.meetingOn ? dayjs(item.meetingOn) : dayjs().add(7, 'day') }} onFinish={(v) => schedule.mutate(v.meetingOn.format('YYYY-MM-DD'))}>
        <Form.Item name="meetingOn" label={t('council.meetingOn')} rules={[{ required: true, message: t('council.meetingOn') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="council-meeting-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 议事 → 理事: the decision, recorded once (it cannot be edited afterwards, so ask first). */
export function DecideDialog({ item, onClose }: { item: CouncilAgendaItem; onClose: Close }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ decision: string }>();
  const saved = useSaved('council.decided', onClose);
  const decide = useMutation({ mutationFn: (decision: string) => councilsApi.decide(item.id, decision), onSuccess: saved });
  const submit = (v: { decision: string }) => void modal.confirm({ title: t('council.decideConfirm'), okText: t('common.ok'), cancelText: t('common.cancel'), onOk: () => decide.mutateAsync(v.decision) });
  return (
    <Modal open title={t('council.decideTitle')} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={decide.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <p>{item.title}</p>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="decision" label={t('council.decision')} rules={[{ required: true, whitespace: true, message: t('council.decisionPlaceholder') }, { max: 2000, message: t('form.maxLength', { max: 2000 }) }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('council.decisionPlaceholder')} data-testid="council-decision" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
