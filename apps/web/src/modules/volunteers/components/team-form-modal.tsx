import { App, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { teamsApi, volunteersApi } from '../../../api/service-endpoints';
import type { CreateTeam } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { useIdempotencyKey } from '../../requests/use-idempotency-key';
import { TEAMS_KEY, VOLUNTEERS_KEY } from '../queries';
import { COLOUR_HEX, useServiceLabels } from '../service-labels';
import { ResidentSelect } from './resident-select';

interface Values {
  name: string;
  colour: string;
  placeId?: string;
  description?: string;
  leaderResidentId?: string;
  memberVolunteerIds?: string[];
}

const TEAM_PLACE_TYPES = new Set(['community', 'grid']);

/** 新建服务队: a team of a community or grid, tagged with its service colour. */
export function TeamFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();
  const volunteers = useQuery({ queryKey: [...VOLUNTEERS_KEY, 'list', 'pick'], queryFn: () => volunteersApi.list({ limit: 200 }), staleTime: 60_000 });

  const create = useMutation({
    mutationFn: (body: CreateTeam) => teamsApi.create(body, keyFor(body)),
    onSuccess: async (team) => {
      void message.success(t('svc.teamCreated', { name: team.name }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
    },
  });

  const onFinish = (v: Values) =>
    create.mutate({
      name: v.name.trim(),
      colour: v.colour,
      placeId: v.placeId ?? '',
      description: v.description?.trim() || null,
      leaderResidentId: v.leaderResidentId ?? null,
      memberVolunteerIds: v.memberVolunteerIds ?? [],
    });

  return (
    <Modal
      open
      width={620}
      title={t('svc.teamCreateTitle')}
      okText={t('svc.teamCreateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'team-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values> form={form} layout="vertical" clearOnDestroy initialValues={{ colour: 'red', memberVolunteerIds: [] }} onFinish={onFinish} data-testid="team-form">
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('svc.teamName')}
            rules={[
              { required: true, whitespace: true, message: t('svc.teamNameRequired') },
              { min: 2, message: t('svc.teamNameRequired') },
              { max: 30, message: t('form.maxLength', { max: 30 }) },
            ]}
          >
            <Input maxLength={30} placeholder={t('svc.teamNamePlaceholder')} data-testid="team-form-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="placeId" label={t('svc.teamPlace')} rules={[{ required: true, message: t('svc.placeRequired') }]}>
            <PlaceTreeSelect canPick={(p) => TEAM_PLACE_TYPES.has(p.type)} data-testid="team-form-place" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="colour" label={t('svc.colour')} extra={t('svc.colourHelp')}>
        <Radio.Group
          optionType="button"
          data-testid="team-form-colour"
          options={labels.colourOptions.map((o) => ({ value: o.value, label: <span style={{ color: COLOUR_HEX[o.value] }}>● {o.label}</span> }))}
        />
      </Form.Item>
      <Form.Item name="leaderResidentId" label={t('svc.teamLeader')}>
        <ResidentSelect placeholder={t('form.optional')} data-testid="team-form-leader" />
      </Form.Item>
      <Form.Item name="memberVolunteerIds" label={t('svc.teamMembers')}>
        <Select
          mode="multiple"
          allowClear
          loading={volunteers.isLoading}
          placeholder={t('form.optional')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
          notFoundContent={t('svc.volunteersEmpty')}
          data-testid="team-form-members"
        />
      </Form.Item>
      <Form.Item name="description" label={t('svc.teamDescription')} rules={[{ max: 300, message: t('form.maxLength', { max: 300 }) }]}>
        <Input.TextArea rows={3} maxLength={300} showCount data-testid="team-form-description" />
      </Form.Item>
    </Modal>
  );
}
