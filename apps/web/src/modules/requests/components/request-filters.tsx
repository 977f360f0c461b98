import { Button, DatePicker, Form, Input, Select, Space, Switch } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { REQUEST_CHANNELS, REQUEST_STATUSES, TRIAGES } from '@gridwork/contracts';
import type { RequestChannel, RequestListQuery, RequestStatus, Triage } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { useRequestLabels } from '../labels';
import { CategoryTreeSelect } from './category-tree-select';
import { RefreshButton } from '../../../admin/components/refresh-button';

export interface RequestFilters {
  status?: RequestStatus[];
  category?: string;
  triage?: Triage;
  overdue?: boolean;
  placeId?: string;
  channel?: RequestChannel;
  from?: string;
  to?: string;
  q?: string;
}

interface FormValues extends Omit<RequestFilters, 'from' | 'to'> {
  range?: [Dayjs | null, Dayjs | null] | null;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** Filters as kept in the address (so a filtered register can be bookmarked and shared). */
export function filtersOf(params: URLSearchParams): RequestFilters {
  const status = (params.get('status') ?? '').split(',').flatMap((s) => oneOf(REQUEST_STATUSES, s) ?? []);
  const date = (key: string) => {
    const v = params.get(key);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  return {
    status: status.length > 0 ? status : undefined,
    category: params.get('category') || undefined,
    triage: oneOf(TRIAGES, params.get('triage')),
    overdue: params.get('overdue') === 'true' || undefined,
    placeId: params.get('placeId') || undefined,
    channel: oneOf(REQUEST_CHANNELS, params.get('channel')),
    from: date('from'),
    to: date('to'),
    q: params.get('q') || undefined,
  };
}

export function paramsOf(f: RequestFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.status?.length) sp.set('status', f.status.join(','));
  for (const key of ['category', 'triage', 'placeId', 'channel', 'from', 'to', 'q'] as const) {
    const v = f[key]?.trim();
    if (v) sp.set(key, v);
  }
  if (f.overdue) sp.set('overdue', 'true');
  return sp;
}

export function listQueryOf(f: RequestFilters): RequestListQuery {
  return { ...f, status: f.status, overdue: f.overdue ? 'true' : undefined };
}

export function isFiltered(f: RequestFilters): boolean {
  return paramsOf(f).toString() !== '';
}

/** The register's filter bar. */
export function RequestFilterBar({ value, onApply, onRefresh }: { value: RequestFilters; onApply: (f: RequestFilters) => void; onRefresh: () => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const [form] = Form.useForm<FormValues>();
  const initial: FormValues = { ...value, range: value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : null };

  const submit = (v: FormValues) => {
    const [from, to] = v.range ?? [];
    onApply({
      status: v.status,
      category: v.category,
      triage: v.triage,
      overdue: v.overdue || undefined,
      placeId: v.placeId,
      channel: v.channel,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
      q: v.q?.trim() || undefined,
    });
  };

  return (
    <Form<FormValues> form={form} name="request-filters" layout="inline" className="gw-req-filter-bar" initialValues={initial} onFinish={submit} data-testid="request-filters">
      <Form.Item name="q">
        <Input allowClear placeholder={t('req.filterQ')} style={{ width: 200 }} data-testid="request-filter-q" />
      </Form.Item>
      <Form.Item name="status">
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('req.filterStatus')}
          style={{ width: 220 }}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          data-testid="request-filter-status"
        />
      </Form.Item>
      <Form.Item name="category">
        <CategoryTreeSelect onlyActive={false} placeholder={t('req.filterCategory')} style={{ width: 180 }} data-testid="request-filter-category" />
      </Form.Item>
      <Form.Item name="triage">
        <Select
          allowClear
          placeholder={t('req.filterTriage')}
          style={{ width: 120 }}
          options={TRIAGES.map((x) => ({ value: x, label: labels.triage(x) }))}
          data-testid="request-filter-triage"
        />
      </Form.Item>
      <Form.Item name="placeId" style={{ width: 220 }}>
        <PlaceTreeSelect placeholder={t('req.filterPlace')} data-testid="request-filter-place" />
      </Form.Item>
      <Form.Item name="channel">
        <Select
          allowClear
          placeholder={t('req.filterChannel')}
          style={{ width: 150 }}
          options={REQUEST_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          data-testid="request-filter-channel"
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('req.filterFrom'), t('req.filterTo')]} style={{ width: 260 }} data-testid="request-filter-range" />
      </Form.Item>
      <Form.Item name="overdue" label={t('req.filterOverdue')} valuePropName="checked">
        <Switch size="small" data-testid="request-filter-overdue" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="request-filter-submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue({ status: undefined, category: undefined, triage: undefined, overdue: false, placeId: undefined, channel: undefined, range: null, q: undefined });
              onApply({});
            }}
            data-testid="request-filter-reset"
          >
            {t('common.reset')}
          </Button>
          <RefreshButton onRefresh={onRefresh} />
        </Space>
      </Form.Item>
    </Form>
  );
}
