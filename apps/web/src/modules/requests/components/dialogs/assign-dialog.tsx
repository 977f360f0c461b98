import { DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { TRIAGES } from '@gridwork/contracts';
import { requestsApi } from '../../../../api/requests-endpoints';
import type { RequestTransition, ServiceRequest, Triage } from '../../../../api/requests-types';
import { useI18n } from '../../../../i18n';
import { useRequestLabels } from '../../labels';
import { useRequestTransition } from '../../queries';
import { TransitionModal } from './transition-modal';

type OwnerKind = 'user' | 'unit';

interface Values {
  ownerKind: OwnerKind;
  ownerUserId?: string;
  ownerUnit?: string;
  deadline?: Dayjs | null;
  triage?: Triage;
  /** The note of an assignment, the required reason of a transfer. */
  text?: string;
}

/**
 * 派单 / 转派: an owner from the people who may take the request (its grid and above), or a
 * unit by name (a department, a partner unit, the property company).
 */
export function AssignDialog({ request, action, onClose }: { request: ServiceRequest; action: 'assign' | 'transfer'; onClose: () => void }) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const [form] = Form.useForm<Values>();
  const ownerKind = Form.useWatch('ownerKind', form) ?? 'user';
  const assignees = useQuery({ queryKey: ['requests', 'assignees', request.id], queryFn: () => requestsApi.assignees(request.id) });
  const transition = useRequestTransition(request.id, onClose);
  const isAssign = action === 'assign';

  const submit = (v: Values) => {
    const owner = v.ownerKind === 'user' ? { ownerUserId: v.ownerUserId ?? null, ownerUnit: null } : { ownerUserId: null, ownerUnit: v.ownerUnit?.trim() ?? null };
    const text = v.text?.trim();
    const body: RequestTransition = isAssign
      ? { action: 'assign', ...owner, triage: v.triage, deadline: v.deadline ? v.deadline.format() : undefined, note: text || undefined }
      : { action: 'transfer', ...owner, reason: text ?? '' };
    transition.mutate(body);
  };

  return (
    <TransitionModal<Values>
      form={form}
      title={t(isAssign ? 'req.assignTitle' : 'req.transferTitle', { reference: request.reference })}
      okText={labels.action(action)}
      submitting={transition.isPending}
      initialValues={{ ownerKind: request.owner?.unit && !request.owner.userId ? 'unit' : 'user', triage: request.triage }}
      onCancel={onClose}
      onFinish={submit}
      testId={`request-${action}-form`}
    >
      <Form.Item name="ownerKind" label={t('req.ownerKind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'user', label: t('req.ownerKindUser') },
            { value: 'unit', label: t('req.ownerKindUnit') },
          ]}
          data-testid="request-owner-kind"
        />
      </Form.Item>
      {ownerKind === 'user' ? (
        <Form.Item name="ownerUserId" label={t('req.owner')} rules={[{ required: true, message: t('req.ownerRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isPending}
            placeholder={t('req.ownerPlaceholder')}
            notFoundContent={assignees.isPending ? t('common.loading') : t('req.noAssignees')}
            options={(assignees.data ?? [])
              .filter((a) => a.userId !== request.owner?.userId || isAssign)
              .map((a) => ({
                value: a.userId,
                label: `${a.name} · ${labels.role(a.role)} · ${a.placeName}`,
              }))}
            data-testid="request-owner-user"
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="ownerUnit"
          label={t('req.ownerUnit')}
          rules={[
            { required: true, whitespace: true, message: t('req.ownerUnitRequired') },
            { max: 80, message: t('form.maxLength', { max: 80 }) },
          ]}
        >
          <Input maxLength={80} placeholder={t('req.ownerUnitPlaceholder')} data-testid="request-owner-unit" />
        </Form.Item>
      )}
      {isAssign ? (
        <>
          <Form.Item
            name="deadline"
            label={t('req.deadlineOverride')}
            extra={request.deadline ? t('req.deadlineCurrent', { deadline: formatDateTime(request.deadline) }) : t('req.deadlineSla')}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              data-testid="request-deadline"
            />
          </Form.Item>
          <Form.Item name="triage" label={t('req.triage')}>
            <Radio.Group optionType="button" options={TRIAGES.map((x) => ({ value: x, label: labels.triage(x) }))} />
          </Form.Item>
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('req.transferHelp')}</Typography.Paragraph>
      )}
      <Form.Item
        name="text"
        label={isAssign ? t('req.note') : t('req.reason')}
        rules={
          isAssign
            ? [{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]
            : [
                { required: true, whitespace: true, message: t('req.reasonRequired') },
                { min: 2, message: t('req.reasonRequired') },
                { max: 500, message: t('form.maxLength', { max: 500 }) },
              ]
        }
      >
        <Input.TextArea rows={2} maxLength={isAssign ? 1000 : 500} placeholder={isAssign ? t('form.optional') : t('req.transferReasonPlaceholder')} data-testid="request-assign-text" />
      </Form.Item>
    </TransitionModal>
  );
}
