import '../volunteers/service.css';
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { eventsApi } from '../../api/service-endpoints';
import type { Event } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PageHeader } from '../../admin/components/page-header';
import { ColourTag, EVENT_STATUS_COLORS, useServiceLabels } from '../volunteers/service-labels';
import { AttendanceSheet } from './components/attendance-sheet';
import { CalendarLink } from './components/calendar-link';
import { CheckInCodeCard } from './components/check-in-code-card';
import { EventFormModal } from './components/event-form-modal';
import { useEventTime } from './event-time';
import { EVENT_LISTS_KEY, eventDetailKey, useEvent } from './queries';

/** 活动详情: the event, its sign-ups and waiting list, the check-in sheet and code, the calendar feed. */
export function EventDetailPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const labels = useServiceLabels();
  const eventTime = useEventTime();
  const navigate = useNavigate();
  const event = useEvent(id);
  const e = event.data;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/events')} data-testid="event-back">
      {t('svc.backToEvents')}
    </Button>
  );

  if (event.isPending) return <Spin className="gw-loading" />;
  if (event.isError || !e)
    return (
      <div data-testid="event-detail">
        <PageHeader title={t('nav.events')} extra={back} />
        <Card>
          <Empty description={isApiError(event.error) && event.error.status === 404 ? t('svc.eventNotFound') : errorText(event.error)} />
        </Card>
      </div>
    );

  const live = e.status === 'published';
  return (
    <div data-testid="event-detail">
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="event-detail-title">{e.title}</span>
            <ColourTag colour={e.colour} />
            <Tag color={EVENT_STATUS_COLORS[e.status]} data-testid="event-detail-status">
              {labels.eventStatus(e.status)}
            </Tag>
          </Space>
        }
        description={labels.eventType(e.type)}
        extra={
          <Space wrap>
            {e.canManage ? <ManageButtons event={e} /> : null}
            {back}
          </Space>
        }
      />
      {e.status === 'draft' ? <Alert type="info" showIcon title={t('svc.eventDraftNotice')} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={e.canManage && live ? 15 : 24}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="event-detail-info">
              <Descriptions.Item label={t('svc.eventTime')}>{eventTime(e)}</Descriptions.Item>
              <Descriptions.Item label={t('svc.eventPlace')}>{e.address ? `${e.placeName} · ${e.address}` : e.placeName}</Descriptions.Item>
              <Descriptions.Item label={t('svc.eventSignups')}>
                <span data-testid="event-detail-signed">{t('svc.signedOfCapacity', { n: e.signedUp, capacity: e.capacity })}</span>
                {e.waitlisted > 0 ? <Typography.Text type="warning">{` · ${t('svc.waitlistedShort', { n: e.waitlisted })}`}</Typography.Text> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('svc.eventSignupWindow')}>
                {formatDateTime(e.signupOpensAt)} – {formatDateTime(e.signupClosesAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('svc.eventPointsPerHour')}>{e.pointsPerHour}</Descriptions.Item>
              <Descriptions.Item label={t('svc.eventOrganiser')}>{e.organiserName}</Descriptions.Item>
              <Descriptions.Item label={t('svc.calendar')} span={2}>
                <CalendarLink placeId={e.placeId} />
              </Descriptions.Item>
              {e.description ? (
                <Descriptions.Item label={t('svc.eventDescription')} span={2}>
                  <span className="gw-svc-prewrap">{e.description}</span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        {e.canManage && live ? (
          <Col xs={24} xl={9}>
            <CheckInCodeCard eventId={e.id} />
          </Col>
        ) : null}
      </Row>
      {e.canManage ? <AttendanceSheet event={e} /> : <Alert type="info" showIcon className="gw-svc-gap" title={t('svc.eventNotOrganiser')} />}
    </div>
  );
}

/**
 * 编辑 · 发布 · 取消活动, for organisers. A finished event (published, its end passed) is history: only
 * drafts and open events are edited or cancelled.
 */
function ManageButtons({ event: e }: { event: Event }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const move = useMutation({
    mutationFn: (status: 'published' | 'cancelled') => eventsApi.update(e.id, { status }),
    onSuccess: async (saved) => {
      void message.success(t(saved.status === 'cancelled' ? 'svc.eventCancelled' : 'svc.eventPublished', { title: saved.title }));
      queryClient.setQueryData(eventDetailKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: EVENT_LISTS_KEY });
    },
  });
  if (e.status !== 'draft' && e.status !== 'published') return null;

  const askPublish = () =>
    modal.confirm({
      title: t('svc.eventPublishConfirm', { title: e.title }),
      content: t('svc.eventPublishConfirmDetail'),
      okText: t('svc.eventPublishDraft'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'event-publish-ok' },
      onOk: () => move.mutateAsync('published').catch(() => undefined),
    });
  const askCancel = () =>
    modal.confirm({
      title: t('svc.eventCancelConfirm', { title: e.title }),
      content: t('svc.eventCancelConfirmDetail', { n: e.signedUp + e.waitlisted }),
      okText: t('svc.eventCancelOk'),
      cancelText: t('svc.eventCancelKeep'),
      okButtonProps: { danger: true, 'data-testid': 'event-cancel-ok' },
      onOk: () => move.mutateAsync('cancelled').catch(() => undefined),
    });

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="event-edit">
        {t('svc.eventEdit')}
      </Button>
      {e.status === 'draft' ? (
        <Button type="primary" icon={<SendOutlined />} loading={move.isPending && move.variables === 'published'} onClick={askPublish} data-testid="event-publish">
          {t('svc.eventPublishDraft')}
        </Button>
      ) : null}
      <Button danger icon={<StopOutlined />} loading={move.isPending && move.variables === 'cancelled'} onClick={askCancel} data-testid="event-cancel">
        {t('svc.eventCancel')}
      </Button>
      {editing ? <EventFormModal event={e} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
