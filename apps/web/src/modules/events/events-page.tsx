import '../volunteers/service.css';
import { TableEmpty } from '../../admin/components/table-empty';
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { EVENT_STATUSES } from '@gridwork/contracts';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { eventsApi } from '../../api/service-endpoints';
import type { Event, EventListQuery, EventStatus, EventType } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { ColourTag, EVENT_STATUS_COLORS, useServiceLabels } from '../volunteers/service-labels';
import { EventFormModal } from './components/event-form-modal';
import { useEventTime } from './event-time';
import { EVENT_LISTS_KEY, EVENTS_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

interface Filters {
  type?: EventType;
  colour?: string;
  status?: EventStatus;
  placeId?: string;
  from?: string;
  to?: string;
}
const FILTER_KEYS = ['type', 'colour', 'status', 'placeId', 'from', 'to'] as const;
type FormValues = Omit<Filters, 'from' | 'to'> & { range?: [Dayjs | null, Dayjs | null] | null };

function filtersOf(params: URLSearchParams): Filters {
  const f: Record<string, string | undefined> = {};
  for (const key of FILTER_KEYS) f[key] = params.get(key) || undefined;
  return f as Filters;
}

/** 活动: volunteer services, lectures, culture and sports, theme days — newest first, filtered. */
export function EventsPage() {
  const { t } = useI18n();
  const labels = useServiceLabels();
  const eventTime = useEventTime();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pager = useCursorPager(20);
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);

  const query: EventListQuery = {
    ...filters,
    from: filters.from ? dayjs(filters.from).startOf('day').format() : undefined,
    to: filters.to ? dayjs(filters.to).add(1, 'day').startOf('day').format() : undefined,
    limit: pager.limit,
    cursor: pager.cursor,
  };
  const list = useQuery({ queryKey: [...EVENT_LISTS_KEY, query], queryFn: () => eventsApi.list(query), placeholderData: keepPreviousData });

  const apply = (v: FormValues) => {
    const next: Filters = { type: v.type, colour: v.colour, status: v.status, placeId: v.placeId, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') };
    const sp = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) sp.set(key, next[key]);
    setParams(sp, { replace: true });
    pager.reset();
  };

  const columns: TableColumnsType<Event> = [
    {
      title: t('svc.eventTitle'),
      dataIndex: 'title',
      width: 200,
      fixed: 'left',
      render: (title: string, e) => (
        <Link to={`/events/${e.id}`} data-testid="event-link">
          {title}
        </Link>
      ),
    },
    { title: t('svc.eventType'), dataIndex: 'type', width: 96, render: (v: EventType) => labels.eventType(v) },
    { title: t('svc.colourShort'), dataIndex: 'colour', width: 64, render: (c: string) => <ColourTag colour={c} /> },
    { title: t('svc.eventStatus'), dataIndex: 'status', width: 84, render: (s: EventStatus) => <Tag color={EVENT_STATUS_COLORS[s]}>{labels.eventStatus(s)}</Tag> },
    { title: t('svc.eventTime'), key: 'time', width: 200, render: (_v, e) => eventTime(e) },
    { title: t('svc.eventPlace'), dataIndex: 'placeName', width: 170, render: (v: string, e) => (e.address ? `${v} · ${e.address}` : v) },
    {
      title: t('svc.eventSignups'),
      key: 'signups',
      width: 110,
      align: 'right',
      render: (_v, e) => (
        <span className="gw-svc-num">
          {e.signedUp} / {e.capacity}
          {e.waitlisted > 0 ? <Typography.Text type="warning">{` +${t('svc.waitlistedShort', { n: e.waitlisted })}`}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('svc.eventPointsPerHour'), dataIndex: 'pointsPerHour', width: 90, align: 'right' },
    { title: t('svc.eventOrganiser'), dataIndex: 'organiserName', width: 120, ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 72,
      render: (_v, e) => (
        <Button type="link" size="small" onClick={() => navigate(`/events/${e.id}`)} data-testid="event-open">
          {e.canManage ? t('svc.eventManage') : t('svc.detail')}
        </Button>
      ),
    },
  ];

  // The colour is also applied to the page shown, so the filter holds whether or not the server filters by it.
  const items = (list.data?.items ?? []).filter((e) => !filters.colour || e.colour === filters.colour);
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const initial: FormValues = { ...filters, range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null };

  return (
    <div data-testid="events-page">
      <PageHeader
        title={t('nav.events')}
        description={t('svc.eventsDescription')}
        extra={
          can('event.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-create">
              {t('svc.eventCreate')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form<FormValues> form={form} name="event-filters" layout="inline" className="gw-svc-filters" initialValues={initial} onFinish={apply} data-testid="event-filters">
          <Form.Item name="type">
            <Select allowClear placeholder={t('svc.filterType')} style={{ width: 130 }} options={labels.eventTypeOptions} data-testid="event-filter-type" />
          </Form.Item>
          <Form.Item name="colour">
            <Select allowClear placeholder={t('svc.filterColour')} style={{ width: 110 }} options={labels.colourOptions} data-testid="event-filter-colour" />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('svc.filterStatus')}
              style={{ width: 120 }}
              options={EVENT_STATUSES.map((s) => ({ value: s, label: labels.eventStatus(s) }))}
              data-testid="event-filter-status"
            />
          </Form.Item>
          <Form.Item name="placeId" style={{ width: 200 }}>
            <PlaceTreeSelect placeholder={t('svc.filterPlace')} data-testid="event-filter-place" />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('svc.filterFrom'), t('svc.filterTo')]} style={{ width: 250 }} data-testid="event-filter-range" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="event-filter-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ type: undefined, colour: undefined, status: undefined, placeId: undefined, range: null });
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
              <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: EVENTS_KEY })} />
            </Space>
          </Form.Item>
        </Form>
        <Table<Event>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1200 }}
          size="middle"
          data-testid="event-table"
          locale={{ emptyText: <TableEmpty text={filtered ? t('svc.noMatch') : t('svc.eventsEmpty')} hint={!filtered && can('event.write') ? t('svc.eventsEmptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="event-pager" />
      </Card>
      {creating ? (
        <EventFormModal
          onClose={(created) => {
            setCreating(false);
            if (created) navigate(`/events/${created.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
