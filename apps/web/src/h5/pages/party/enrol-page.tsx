import '../events/service-h5.css';
import { useEffect, useState } from 'react';
import { Button, ErrorBlock, Form, Input, List, Radio, Result, Selector, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { Enrolment, MemberStatus } from '@gridwork/contracts';
import { enrolmentsApi } from '../../../api/enrolments-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { useIdempotencyKey } from '../../components/use-idempotency-key';
import { ENROLMENT_STATE_COLORS } from './party-h5-labels';

const MINE_KEY = ['enrolments', 'mine'] as const;

/** 到社区报到: an in-service member enrols with the community they live in; afterwards, the enrolment's status. */
export function EnrolPage() {
  const { t } = useI18n();
  const mine = useQuery({ queryKey: [...MINE_KEY, 'page'], queryFn: () => enrolmentsApi.list({ mine: 'true', limit: 5 }) });
  const [again, setAgain] = useState(false);
  const latest = mine.data?.items[0];
  return (
    <SubPage title={t('h5party.enrolTitle')} fallback="/party" testId="h5-party-enrol-page">
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(mine.error)} />
      ) : latest && !(latest.state === 'rejected' && again) ? (
        <EnrolmentStatus enrolment={latest} onAgain={() => setAgain(true)} />
      ) : (
        <EnrolForm />
      )}
    </SubPage>
  );
}

function EnrolmentStatus({ enrolment: e, onAgain }: { enrolment: Enrolment; onAgain: () => void }) {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const status = e.state === 'approved' ? 'success' : e.state === 'pending' ? 'waiting' : 'warning';
  return (
    <div data-testid="h5-enrolment-status" data-state={e.state}>
      <Result
        status={status}
        title={t(`h5party.enrolResult.${e.state}`)}
        description={e.state === 'rejected' ? t('enrol.reasonValue', { reason: e.rejectReason ?? '' }) : e.state === 'approved' ? t('h5party.enrolApprovedHint', { community: e.communityName }) : t('h5party.enrolPendingHint')}
      />
      <List mode="card">
        <List.Item extra={e.communityName}>{t('enrol.community')}</List.Item>
        <List.Item extra={e.employer}>{t('enrol.employer')}</List.Item>
        <List.Item extra={e.homeOrgName}>{t('enrol.homeOrg')}</List.Item>
        <List.Item extra={formatDateTime(e.createdAt)}>{t('enrol.submittedAt')}</List.Item>
        <List.Item extra={<Tag color={ENROLMENT_STATE_COLORS[e.state]}>{t(`enrol.state.${e.state}`)}</Tag>}>{t('enrol.state')}</List.Item>
        {e.state === 'approved' && e.points > 0 ? (
          <List.Item extra={<strong style={{ color: '#c8102e' }}>{t('h5party.pointsPlus', { points: e.points })}</strong>}>{t('h5party.enrolPoints')}</List.Item>
        ) : null}
      </List>
      <div style={{ padding: '0 12px' }}>
        {e.state === 'approved' ? (
          <Button block color="primary" onClick={() => navigate('/party/posts')} data-testid="h5-enrol-go-posts">
            {t('h5party.goPosts')}
          </Button>
        ) : e.state === 'rejected' ? (
          <Button block color="primary" onClick={onAgain}>
            {t('h5party.enrolAgain')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

interface Values {
  communityId?: string[];
  name?: string;
  employer: string;
  homeOrgName: string;
  status: MemberStatus;
  joinedOn?: string;
  fullOn?: string;
  phone: string;
  note?: string;
}

function EnrolForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const idempotency = useIdempotencyKey();
  const communities = useQuery({ queryKey: ['enrolments', 'home-communities'], queryFn: enrolmentsApi.homeCommunities });
  const status = Form.useWatch('status', form);
  const submit = useMutation({
    mutationFn: (v: Values) =>
      enrolmentsApi.create(
        {
          communityId: v.communityId?.[0] ?? '',
          name: v.name?.trim() || undefined,
          employer: v.employer.trim(),
          homeOrgName: v.homeOrgName.trim(),
          status: v.status,
          probationaryOn: v.joinedOn || null,
          fullOn: v.status === 'full' ? v.fullOn || null : null,
          phone: v.phone.trim(),
          note: v.note?.trim() || null,
        },
        idempotency.key,
      ),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5party.enrolSubmitted') });
      await queryClient.invalidateQueries({ queryKey: MINE_KEY });
    },
    onError: (error) => {
      idempotency.afterError(error);
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
    },
  });
  const options = (communities.data ?? []).map((c) => ({ label: c.name, value: c.id }));
  const only = options.length === 1 ? options[0]!.value : undefined;
  // Most people live in one community: choose it for them once it is known.
  useEffect(() => {
    if (only && !form.getFieldValue('communityId')) form.setFieldValue('communityId', [only]);
  }, [only, form]);

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      initialValues={{ status: 'full' }}
      onFinish={(v) => submit.mutate(v)}
      footer={
        <Button block type="submit" color="primary" size="large" loading={submit.isPending} data-testid="h5-enrol-submit">
          {t('h5party.enrolSubmit')}
        </Button>
      }
      data-testid="h5-enrol-form"
    >
      <Form.Header>{t('h5party.enrolIntro')}</Form.Header>
      <Form.Item name="communityId" label={t('enrol.community')} rules={[{ required: true, message: t('h5party.communityRequired') }]}>
        {communities.isPending ? <Loading /> : options.length === 0 ? <span>{t('h5party.noCommunity')}</span> : <Selector options={options} data-testid="h5-enrol-community" />}
      </Form.Item>
      <Form.Item name="name" label={t('enrol.name')} help={t('h5party.nameHint')}>
        <Input placeholder={t('h5party.namePlaceholder')} maxLength={50} data-testid="h5-enrol-name" />
      </Form.Item>
      <Form.Item name="employer" label={t('enrol.employer')} rules={[{ required: true, whitespace: true, message: t('h5party.employerRequired') }]}>
        <Input placeholder={t('h5party.employerPlaceholder')} maxLength={100} data-testid="h5-enrol-employer" />
      </Form.Item>
      <Form.Item name="homeOrgName" label={t('enrol.homeOrg')} rules={[{ required: true, whitespace: true, message: t('h5party.homeOrgRequired') }]}>
        <Input placeholder={t('h5party.homeOrgPlaceholder')} maxLength={100} data-testid="h5-enrol-home-org" />
      </Form.Item>
      <Form.Item name="status" label={t('enrol.status')} rules={[{ required: true }]}>
        <Radio.Group>
          <Space>
            <Radio value="full" data-testid="h5-enrol-status-full">
              {t('h5party.statusFull')}
            </Radio>
            <Radio value="probationary" data-testid="h5-enrol-status-probationary">
              {t('h5party.statusProbationary')}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="joinedOn" label={t('h5party.joinedOn')} rules={[{ required: status === 'probationary', message: t('h5party.joinedOnRequired') }]}>
        <Input type="date" data-testid="h5-enrol-joined-on" />
      </Form.Item>
      {status === 'full' ? (
        <Form.Item name="fullOn" label={t('h5party.fullOn')} rules={[{ required: true, message: t('h5party.fullOnRequired') }]}>
          <Input type="date" data-testid="h5-enrol-full-on" />
        </Form.Item>
      ) : null}
      <Form.Item name="phone" label={t('enrol.phone')} rules={[{ required: true, pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: t('h5party.phoneRule') }]}>
        <Input type="tel" placeholder={t('h5party.phonePlaceholder')} maxLength={13} data-testid="h5-enrol-phone" />
      </Form.Item>
      <Form.Item name="note" label={t('h5party.note')}>
        <TextArea rows={2} maxLength={300} placeholder={t('h5party.notePlaceholder')} />
      </Form.Item>
    </Form>
  );
}
