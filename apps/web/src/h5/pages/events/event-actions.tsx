import { useState } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { eventsApi } from '../../../api/service-endpoints';
import type { Attendance, Event } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { useSession } from '../../../shared/session';
import { useIdempotencyKey } from '../../components/use-idempotency-key';
import { CodeDialog, codeFrom } from './code-dialog';
import { formatHours, useServiceLabels } from './service-labels';

/** Check-in opens this long before the start (people arrive early to help set up). */
const CHECK_IN_LEAD_MS = 2 * 3_600_000;

/**
 * What I may do with the event now. Keyed by my sign-up, so a new sign-up after a cancellation is a
 * new submission with a new Idempotency-Key (a retry of the same tap keeps the key).
 */
export function EventActions({ event }: { event: Event }) {
  const { can } = useSession();
  if (!can('event.signup')) return null;
  return <Actions key={event.mySignup?.id ?? 'none'} event={event} />;
}

type Attend = { mode: 'in' | 'out'; code: string };

const STAGE: Readonly<Record<Attendance['status'], number>> = { checked_in: 0, checked_out: 1, confirmed: 2 };

/**
 * The further along of the server's copy (survives a reload, shows the organiser's confirmation) and the
 * answer kept in memory (newest until the event is refetched).
 */
function latest(server: Attendance | null, local: Attendance | null): Attendance | null {
  if (!server || !local) return server ?? local;
  return STAGE[local.status] > STAGE[server.status] ? local : server;
}

function Actions({ event: e }: { event: Event }) {
  const { t, formatDateTime } = useI18n();
  const labels = useServiceLabels();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [params] = useSearchParams();
  const mine = e.mySignup;
  const confirmed = mine?.status === 'confirmed';
  // Opened from a link carrying the code (…/events/:id?code=123456): straight to check-in.
  const linkCode = codeFrom(params.get('code') ?? '') ?? undefined;
  const [dialog, setDialog] = useState<{ open: boolean; mode: 'in' | 'out' }>({ open: Boolean(confirmed && linkCode), mode: 'in' });
  const openDialog = (mode: 'in' | 'out') => setDialog({ open: true, mode });
  const closeDialog = () => setDialog((d) => ({ ...d, open: false }));
  // What check-in/out answered this session; the event's own `myAttendance` covers reloads (see below).
  const attendance = useQuery<Attendance | null>({ queryKey: ['my-attendance', e.id], queryFn: () => null, enabled: false, staleTime: Infinity, gcTime: Infinity });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['events'] });
  const fail = (error: unknown) => Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });

  const signup = useMutation({
    mutationFn: () => eventsApi.signup(e.id, {}, idempotency.key),
    meta: { silent: true },
    onSuccess: async (s) => {
      Toast.show({ icon: 'success', content: s.status === 'waitlisted' ? t('h5s.waitlisted', { n: s.position ?? '—' }) : t('h5s.signedUp') });
      await refresh();
    },
    onError: (error) => {
      idempotency.afterError(error);
      fail(error);
    },
  });
  const cancel = useMutation({
    mutationFn: (signupId: string) => eventsApi.cancelSignup(e.id, signupId),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5s.signupCancelled') });
      await refresh();
    },
    onError: fail,
  });
  const attend = useMutation({
    mutationFn: ({ mode, code }: Attend) => (mode === 'in' ? eventsApi.checkIn(e.id, { code }) : eventsApi.checkOut(e.id, { code })),
    meta: { silent: true },
    onSuccess: (a, { mode }) => {
      queryClient.setQueryData(['my-attendance', e.id], a);
      closeDialog();
      void refresh();
      Toast.show({ icon: 'success', content: t(mode === 'in' ? 'h5s.checkedIn' : 'h5s.checkedOut') });
    },
    onError: fail,
  });

  const now = Date.now();
  const full = e.signedUp >= e.capacity;
  const askSignup = async () => {
    const content = full ? t('h5s.signupWaitlistConfirm') : t('h5s.signupConfirm', { title: e.title });
    if (await Dialog.confirm({ content, confirmText: t('common.ok'), cancelText: t('common.cancel') })) signup.mutate();
  };
  const askCancel = async (signupId: string) => {
    if (await Dialog.confirm({ content: t('h5s.cancelSignupConfirm', { title: e.title }), confirmText: t('common.ok'), cancelText: t('common.cancel') }))
      cancel.mutate(signupId);
  };

  const a = latest(e.myAttendance, attendance.data ?? null);
  const atEvent = confirmed && e.status !== 'cancelled' && e.status !== 'draft' && now >= Date.parse(e.startsAt) - CHECK_IN_LEAD_MS;
  const mayCancel = mine !== null && e.status === 'published' && !a;

  const cancelButton = mayCancel ? (
    <Button size="small" fill="outline" loading={cancel.isPending} onClick={() => void askCancel(mine.id)} data-testid="h5-event-cancel-signup">
      {t('h5s.cancelSignup')}
    </Button>
  ) : null;
  let body;
  if (e.status === 'cancelled') body = <div className="h5s-action-note">{t('h5s.eventCancelled')}</div>;
  else if (mine?.status === 'confirmed')
    body = (
      <div className="h5s-action-state">
        <span>{e.status === 'finished' ? t('h5s.eventFinished') : t('h5s.mySignupConfirmed')}</span>
        {cancelButton}
      </div>
    );
  else if (mine?.status === 'waitlisted' && e.status !== 'finished')
    body = (
      <div className="h5s-action-state">
        <span>{t('h5s.mySignupWaitlisted', { n: mine.position ?? '—' })}</span>
        {cancelButton}
      </div>
    );
  else if (e.status === 'finished') body = <div className="h5s-action-note">{t('h5s.eventFinished')}</div>;
  else if (now < Date.parse(e.signupOpensAt)) body = <div className="h5s-action-note">{t('h5s.signupNotOpen', { time: formatDateTime(e.signupOpensAt) })}</div>;
  else if (now > Date.parse(e.signupClosesAt)) body = <div className="h5s-action-note">{t('h5s.signupClosed')}</div>;
  else
    body = (
      <Button block color="primary" size="large" loading={signup.isPending} disabled={signup.isPending} onClick={() => void askSignup()} data-testid="h5-event-signup">
        {full ? t('h5s.signupWaitlist') : t('h5s.signup')}
      </Button>
    );

  return (
    <section className="h5s-action" data-testid="h5-event-actions" data-signup={mine?.status ?? 'none'}>
      {body}
      {atEvent ? (
        <div className="h5s-attend" data-testid="h5-event-attend" data-attendance={a?.status ?? 'none'}>
          <div className="h5s-attend-title">{t('h5s.atEvent')}</div>
          <div className="h5s-attend-hint">{t('h5s.atEventHint')}</div>
          {a ? (
            <div className="h5s-attend-state" data-testid="h5-event-attendance">
              <strong>{labels.attendanceStatus(a.status)}</strong>
              <span>{t('h5s.checkedInAt', { time: formatDateTime(a.checkInAt) })}</span>
              {a.checkOutAt ? <span>{t('h5s.checkedOutAt', { time: formatDateTime(a.checkOutAt) })}</span> : null}
              {a.hours !== null ? <span>{t('h5s.hoursValue', { hours: formatHours(a.hours) })}</span> : null}
              {a.points !== null ? <span>{t('h5s.pointsAwarded', { n: a.points })}</span> : a.checkOutAt ? <span>{t('h5s.hoursPending')}</span> : null}
            </div>
          ) : null}
          {!a || a.status === 'checked_in' ? (
            <div className="h5s-action-buttons">
              {!a ? (
                <Button color="primary" onClick={() => openDialog('in')} data-testid="h5-event-check-in">
                  {t('h5s.checkIn')}
                </Button>
              ) : null}
              <Button color="primary" fill={a ? 'solid' : 'outline'} onClick={() => openDialog('out')} data-testid="h5-event-check-out">
                {t('h5s.checkOut')}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
      <CodeDialog
        visible={dialog.open}
        mode={dialog.mode}
        busy={attend.isPending}
        initialCode={linkCode}
        onClose={closeDialog}
        onSubmit={(code) => attend.mutate({ mode: dialog.mode, code })}
      />
    </section>
  );
}
