import '../events/service-h5.css';
import { Button, ErrorBlock, Form, Input, List, Selector, Tag, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { volunteersApi } from '../../../api/service-endpoints';
import type { Volunteer } from '../../../api/service-types';
import { useI18n, type MessageKey } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { useIdempotencyKey } from '../../components/use-idempotency-key';
import { BadgeIcon } from '../events/service-icons';
import { colourHex, formatHours } from '../events/service-labels';
import { useMyVolunteer } from './use-my-volunteer';

const SKILL_KEYS: readonly MessageKey[] = [
  'h5s.skill.elderly',
  'h5s.skill.children',
  'h5s.skill.repair',
  'h5s.skill.medical',
  'h5s.skill.legal',
  'h5s.skill.mediation',
  'h5s.skill.patrol',
  'h5s.skill.environment',
  'h5s.skill.culture',
  'h5s.skill.teaching',
];

interface Values {
  skills?: string[];
  other?: string;
  availability?: string;
}

/** 志愿者登记: a resident registers themselves (skills, free time); once registered, their record. */
export function VolunteerPage() {
  const { t } = useI18n();
  const me = useMyVolunteer();
  return (
    <SubPage title={t('h5s.volunteerTitle')} fallback="/events?tab=mine" testId="h5-volunteer">
      {!me.enabled ? (
        <ErrorBlock status="default" title={t('error.forbiddenTitle')} description={t('error.forbiddenDetail')} />
      ) : me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(me.error)} />
      ) : me.data ? (
        <VolunteerCard volunteer={me.data} />
      ) : me.mayJoin ? (
        <RegisterForm />
      ) : (
        <ErrorBlock status="default" title={t('error.forbiddenTitle')} description={t('error.forbiddenDetail')} />
      )}
    </SubPage>
  );
}

function VolunteerCard({ volunteer: v }: { volunteer: Volunteer }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div data-testid="h5-volunteer-card" data-volunteer-id={v.id}>
      <section className="h5s-head h5s-volunteer">
        <BadgeIcon className="h5s-volunteer-badge" />
        <div className="h5s-volunteer-name">{v.name}</div>
        <Tag color="success" style={{ marginTop: 6 }}>
          {t('h5s.alreadyVolunteer')}
        </Tag>
        <div className="h5s-meta-inline" style={{ justifyContent: 'center' }}>
          {t('h5s.volunteerSince', { time: formatDateTime(v.createdAt) })}
        </div>
      </section>
      <List mode="card">
        <List.Item extra={<strong data-testid="h5-volunteer-hours">{t('h5s.hoursShort', { hours: formatHours(v.hours) })}</strong>}>{t('h5s.hoursTotal')}</List.Item>
        <List.Item
          extra={
            <span className="h5s-chips">
              {v.skills.length > 0 ? v.skills.map((s) => <Tag key={s} color="primary" fill="outline">{s}</Tag>) : '—'}
            </span>
          }
        >
          {t('h5s.skills')}
        </List.Item>
        <List.Item extra={<span className="h5s-extra">{v.availability ?? '—'}</span>}>{t('h5s.availability')}</List.Item>
        <List.Item
          extra={
            <span className="h5s-chips">
              {v.teams.length > 0
                ? v.teams.map((team) => (
                    <Tag key={team.id} color={colourHex(team.colour)}>
                      {team.name}
                    </Tag>
                  ))
                : t('h5s.noTeam')}
            </span>
          }
        >
          {t('h5s.teams')}
        </List.Item>
      </List>
    </div>
  );
}

function RegisterForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const idempotency = useIdempotencyKey();
  const register = useMutation({
    mutationFn: (v: Values) => {
      const typed = (v.other ?? '')
        .split(/[,，、;；\s]+/)
        .map((s) => s.trim().slice(0, 20))
        .filter(Boolean);
      const skills = [...new Set([...(v.skills ?? []), ...typed])].slice(0, 10);
      return volunteersApi.create({ skills, availability: v.availability?.trim() || null }, idempotency.key);
    },
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5s.registered') });
      await queryClient.invalidateQueries({ queryKey: ['volunteers'] });
      navigate('/events?tab=mine', { replace: true });
    },
    onError: (error) => {
      idempotency.afterError(error);
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
    },
  });
  const skillOptions = SKILL_KEYS.map((key) => ({ value: t(key), label: t(key) }));
  return (
    <>
      <div className="h5s-intro">{t('h5s.volunteerIntro')}</div>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(v) => {
          if (!register.isPending) register.mutate(v);
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={register.isPending} disabled={register.isPending} data-testid="h5-volunteer-submit">
            {t('h5s.register')}
          </Button>
        }
        data-testid="h5-volunteer-form"
      >
        <Form.Item name="skills" label={t('h5s.skills')} description={t('h5s.skillsHint')}>
          <Selector columns={3} multiple options={skillOptions} data-testid="h5-volunteer-skills" />
        </Form.Item>
        <Form.Item name="other" label={t('h5s.skillOther')}>
          <Input placeholder={t('h5s.skillOtherPlaceholder')} maxLength={100} clearable data-testid="h5-volunteer-other" />
        </Form.Item>
        <Form.Item name="availability" label={t('h5s.availability')}>
          <Input placeholder={t('h5s.availabilityPlaceholder')} maxLength={100} clearable data-testid="h5-volunteer-availability" />
        </Form.Item>
      </Form>
    </>
  );
}
