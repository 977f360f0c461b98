import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { eventsApi } from '../../../api/service-endpoints';
import type { CreateEvent, Event, EventType, UpdateEvent } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { useIdempotencyKey } from '../../requests/use-idempotency-key';
import { COLOUR_HEX, useServiceLabels } from '../../volunteers/service-labels';
import { EVENT_LISTS_KEY, eventDetailKey } from '../queries';

interface Values {
  title: string;
  type: EventType;
  colour: string;
  placeId?: string;
  address?: string;
  time?: [Dayjs, Dayjs];
  signup?: [Dayjs | null, Dayjs | null] | null;
  capacity: number;
  pointsPerHour: number;
  description?: string;
  publish: boolean;
}

const EVENT_PLACE_TYPES = new Set(['community', 'grid']);
const FORMAT = 'YYYY-MM-DD HH:mm';

function bodyOf(v: Values): CreateEvent {
  const [start, end] = v.time ?? [];
  const [opens, closes] = v.signup ?? [];
  return {
    title: v.title.trim(),
    type: v.type,
    colour: v.colour,
    placeId: v.placeId ?? '',
    address: v.address?.trim() || null,
    startsAt: start?.second(0).millisecond(0).format() ?? '',
    endsAt: end?.second(0).millisecond(0).format() ?? '',
    capacity: v.capacity,
    ...(opens ? { signupOpensAt: opens.second(0).millisecond(0).format() } : {}),
    ...(closes ? { signupClosesAt: closes.second(0).millisecond(0).format() } : {}),
    pointsPerHour: v.pointsPerHour,
    description: v.description?.trim() || null,
    status: v.publish ? 'published' : 'draft',
  };
}

/** The fields an edit sends: the whole form but the place (moving an event would change who sees it) and the status (own buttons). */
function changesOf(v: Values): UpdateEvent {
  const { placeId: _place, status: _status, signupOpensAt, signupClosesAt, ...rest } = bodyOf(v);
  // A cleared window end is left as stored rather than guessed: the server keeps what is not sent.
  return { ...rest, ...(signupOpensAt ? { signupOpensAt } : {}), ...(signupClosesAt ? { signupClosesAt } : {}) };
}

/** The form's values for an existing event (editing). */
function valuesOf(e: Event): Values {
  return {
    title: e.title,
    type: e.type,
    colour: e.colour,
    placeId: e.placeId,
    address: e.address ?? undefined,
    time: [dayjs(e.startsAt), dayjs(e.endsAt)],
    signup: [dayjs(e.signupOpensAt), dayjs(e.signupClosesAt)],
    capacity: e.capacity,
    pointsPerHour: e.pointsPerHour,
    description: e.description ?? undefined,
    publish: e.status !== 'draft',
  };
}

/** 发布活动: title, type, colour, place and time, capacity, sign-up window, points per hour; publish now or keep as a draft. */
export function EventFormModal({ event, onClose }: { event?: Event; onClose: (saved?: Event) => void }) {
  const { t } = useI18n();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();
  const publish = Form.useWatch('publish', form);

  const create = useMutation({
    mutationFn: (body: CreateEvent) => eventsApi.create(body, keyFor(body)),
    onSuccess: async (event) => {
      void message.success(t(event.status === 'draft' ? 'svc.eventDrafted' : 'svc.eventPublished', { title: event.title }));
      onClose(event);
      await queryClient.invalidateQueries({ queryKey: EVENT_LISTS_KEY });
    },
  });

  const update = useMutation({
    mutationFn: (body: UpdateEvent) => eventsApi.update(event?.id ?? '', body),
    onSuccess: async (saved) => {
      void message.success(t('svc.eventSaved', { title: saved.title }));
      queryClient.setQueryData(eventDetailKey(saved.id), saved);
      onClose(saved);
      await queryClient.invalidateQueries({ queryKey: EVENT_LISTS_KEY });
    },
  });
  const editing = Boolean(event);

  const nextHour = dayjs().add(1, 'day').hour(9).minute(0).second(0);

  return (
    <Modal
      open
      width={760}
      title={t(editing ? 'svc.eventEditTitle' : 'svc.eventCreateTitle')}
      okText={editing ? t('svc.eventSave') : publish === false ? t('svc.eventSaveDraft') : t('svc.eventPublish')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onCancel={() => onClose()}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'event-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={event ? valuesOf(event) : { type: 'volunteer_service', colour: 'red', capacity: 30, pointsPerHour: 10, publish: true, time: [nextHour, nextHour.add(2, 'hour')] }}
          onFinish={(v) => (editing ? update.mutate(changesOf(v)) : create.mutate(bodyOf(v)))}
          data-testid="event-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="title"
        label={t('svc.eventTitle')}
        rules={[
          { required: true, whitespace: true, message: t('svc.eventTitleRequired') },
          { min: 2, message: t('svc.eventTitleRequired') },
          { max: 60, message: t('form.maxLength', { max: 60 }) },
        ]}
      >
        <Input maxLength={60} placeholder={t('svc.eventTitlePlaceholder')} data-testid="event-form-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="type" label={t('svc.eventType')}>
            <Select options={labels.eventTypeOptions} data-testid="event-form-type" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="colour" label={t('svc.colour')}>
            <Radio.Group
              optionType="button"
              data-testid="event-form-colour"
              options={labels.colourOptions.map((o) => ({ value: o.value, label: <span style={{ color: COLOUR_HEX[o.value] }}>● {o.label}</span> }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          {event ? (
            // The place is fixed once created (it decides who sees the event): shown by name, not as a picker.
            <Form.Item label={t('svc.eventPlace')}>
              <Input value={event.placeName} disabled data-testid="event-form-place" />
            </Form.Item>
          ) : (
            <Form.Item name="placeId" label={t('svc.eventPlace')} extra={t('svc.eventPlaceHelp')} rules={[{ required: true, message: t('svc.placeRequired') }]}>
              <PlaceTreeSelect canPick={(p) => EVENT_PLACE_TYPES.has(p.type)} data-testid="event-form-place" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="address" label={t('svc.eventAddress')} rules={[{ max: 100, message: t('form.maxLength', { max: 100 }) }]}>
            <Input maxLength={100} placeholder={t('svc.eventAddressPlaceholder')} data-testid="event-form-address" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="time"
            label={t('svc.eventTime')}
            rules={[
              { required: true, message: t('svc.eventTimeRequired') },
              { validator: (_r, v?: [Dayjs, Dayjs]) => (!v || v[1].isAfter(v[0]) ? Promise.resolve() : Promise.reject(new Error(t('svc.eventTimeOrder')))) },
            ]}
          >
            <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={FORMAT} style={{ width: '100%' }} data-testid="event-form-time" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={5}>
          <Form.Item name="capacity" label={t('svc.eventCapacity')} rules={[{ required: true, message: t('svc.eventCapacityRequired') }]}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} data-testid="event-form-capacity" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={5}>
          <Form.Item name="pointsPerHour" label={t('svc.eventPointsPerHour')} rules={[{ required: true, message: t('svc.eventPointsRequired') }]}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid="event-form-points" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="signup"
            label={t('svc.eventSignupWindow')}
            extra={t('svc.eventSignupWindowHelp')}
            dependencies={['time']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, v?: [Dayjs | null, Dayjs | null] | null) => {
                  const end = (getFieldValue('time') as [Dayjs, Dayjs] | undefined)?.[1];
                  if (v?.[1] && end && v[1].isAfter(end)) return Promise.reject(new Error(t('svc.eventSignupAfterEnd')));
                  if (v?.[0] && v[1] && !v[0].isBefore(v[1])) return Promise.reject(new Error(t('svc.eventSignupOrder')));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format={FORMAT}
              placeholder={[t('svc.eventSignupOpensNow'), t('svc.eventSignupClosesAtStart')]}
              style={{ width: '100%' }}
              data-testid="event-form-signup"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10} hidden={editing}>
          <Form.Item name="publish" label={t('svc.eventPublishNow')} valuePropName="checked" extra={<Typography.Text type="secondary">{t('svc.eventPublishHelp')}</Typography.Text>}>
            <Switch data-testid="event-form-publish" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('svc.eventDescription')} rules={[{ max: 2000, message: t('form.maxLength', { max: 2000 }) }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount data-testid="event-form-description" />
      </Form.Item>
    </Modal>
  );
}
