import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { volunteersApi } from '../../../api/service-endpoints';
import type { CreateVolunteer } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { useIdempotencyKey } from '../../requests/use-idempotency-key';
import { VOLUNTEERS_KEY, TEAMS_KEY } from '../queries';
import { ResidentSelect } from './resident-select';
import { TeamSelect } from './team-select';

interface Values {
  residentId?: string;
  skills?: string[];
  availability?: string;
  teamIds?: string[];
}

/** 登记志愿者: a resident from the register, with skills, availability and teams. */
export function VolunteerFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();

  const create = useMutation({
    mutationFn: (body: CreateVolunteer) => volunteersApi.create(body, keyFor(body)),
    onSuccess: async (v) => {
      void message.success(t('svc.volunteerCreated', { name: v.name }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      await queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
    },
  });

  const onFinish = (v: Values) =>
    create.mutate({
      residentId: v.residentId,
      skills: (v.skills ?? []).map((s) => s.trim()).filter(Boolean),
      availability: v.availability?.trim() || null,
      teamIds: v.teamIds ?? [],
    });

  return (
    <Modal
      open
      width={560}
      title={t('svc.volunteerCreateTitle')}
      okText={t('svc.volunteerCreateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'volunteer-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values> form={form} layout="vertical" clearOnDestroy initialValues={{ skills: [], teamIds: [] }} onFinish={onFinish} data-testid="volunteer-form">
          {dom}
        </Form>
      )}
    >
      <Form.Item name="residentId" label={t('svc.resident')} extra={t('svc.volunteerResidentHelp')} rules={[{ required: true, message: t('svc.residentRequired') }]}>
        <ResidentSelect data-testid="volunteer-form-resident" />
      </Form.Item>
      <Form.Item
        name="skills"
        label={t('svc.skills')}
        extra={t('svc.skillsHelp')}
        rules={[
          { type: 'array', max: 10, message: t('svc.skillsMax') },
          { validator: (_r, v?: string[]) => ((v ?? []).every((s) => s.trim().length <= 20) ? Promise.resolve() : Promise.reject(new Error(t('form.maxLength', { max: 20 })))) },
        ]}
      >
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} placeholder={t('svc.skillsPlaceholder')} data-testid="volunteer-form-skills" />
      </Form.Item>
      <Form.Item name="availability" label={t('svc.availability')} rules={[{ max: 100, message: t('form.maxLength', { max: 100 }) }]}>
        <Input maxLength={100} placeholder={t('svc.availabilityPlaceholder')} data-testid="volunteer-form-availability" />
      </Form.Item>
      <Form.Item name="teamIds" label={t('svc.teams')}>
        <TeamSelect multiple placeholder={t('form.optional')} data-testid="volunteer-form-teams" />
      </Form.Item>
    </Modal>
  );
}
