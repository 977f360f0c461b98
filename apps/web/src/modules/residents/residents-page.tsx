import './residents.css';
import { TableEmpty } from '../../admin/components/table-empty';
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { ApartmentOutlined, DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { placesApi, residentsApi } from '../../api/endpoints';
import type { CreateResident, Resident, ResidentListQuery, ResidentStatus } from '../../api/types';
import { useI18n } from '../../i18n';
import { reportError } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { CareGroupTags, useCareGroupName } from './components/care-group-tags';
import { ResidentFormModal } from './components/resident-form-modal';
import { GENDER_KEYS, RESIDENCE_KEYS, STATUSES, STATUS_COLORS, STATUS_KEYS } from './labels';
import { useCareGroupTypes } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

type Sort = 'name' | 'birthDate' | 'createdAt';
type Order = 'asc' | 'desc';

interface Filters {
  q?: string;
  idNumber?: string;
  phone?: string;
  placeId?: string;
  careGroup?: string;
  ageMin?: number;
  ageMax?: number;
  status?: ResidentStatus;
}

const FILTER_KEYS = ['q', 'idNumber', 'phone', 'placeId', 'careGroup', 'ageMin', 'ageMax', 'status'] as const;

function filtersOf(params: URLSearchParams): Filters {
  const num = (key: string) => {
    const v = params.get(key);
    return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  };
  const str = (key: string) => params.get(key) || undefined;
  return {
    q: str('q'),
    idNumber: str('idNumber'),
    phone: str('phone'),
    placeId: str('placeId'),
    careGroup: str('careGroup'),
    ageMin: num('ageMin'),
    ageMax: num('ageMax'),
    status: str('status') as ResidentStatus | undefined,
  };
}

/** 居民: the register, filtered inside the user's scope, masked by default. */
export function ResidentsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const sort = (params.get('sort') as Sort | null) ?? 'createdAt';
  const order = (params.get('order') as Order | null) ?? 'desc';
  const pager = useCursorPager(20);
  const { limit } = pager;
  const [form] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const careTypes = useCareGroupTypes();
  const careName = useCareGroupName(careTypes.data);

  const query: ResidentListQuery = { ...filters, sort, order, limit, cursor: pager.cursor };
  const list = useQuery({
    queryKey: ['residents', 'list', query],
    queryFn: () => residentsApi.list(query),
    placeholderData: keepPreviousData,
  });
  const place = useQuery({
    queryKey: ['places', 'detail', filters.placeId],
    queryFn: () => placesApi.get(filters.placeId ?? ''),
    enabled: Boolean(filters.placeId),
  });

  const create = useMutation({
    mutationFn: (body: CreateResident) => residentsApi.create(body),
    onSuccess: async (r) => {
      setCreating(false);
      void message.success(t('res.created', { name: r.name }));
      await queryClient.invalidateQueries({ queryKey: ['residents'] });
      navigate(`/residents/${r.id}`);
    },
  });

  const apply = (next: Filters, nextSort = sort, nextOrder = order) => {
    const sp = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = next[key];
      if (v !== undefined && v !== null && String(v).trim() !== '') sp.set(key, String(v).trim());
    }
    if (nextSort !== 'createdAt' || nextOrder !== 'desc') {
      sp.set('sort', nextSort);
      sp.set('order', nextOrder);
    }
    setParams(sp, { replace: true });
    pager.reset();
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await residentsApi.exportXlsx({ ...filters, sort, order });
      void message.success(t('res.exportStarted'));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const sortOrderOf = (key: Sort) => (sort === key ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const columns: TableColumnsType<Resident> = [
    {
      title: t('res.name'),
      dataIndex: 'name',
      key: 'name',
      width: 120,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, r) => (
        <Space size={4}>
          <Link to={`/residents/${r.id}`} data-testid="resident-link">
            {name}
          </Link>
          {r.isMinor ? (
            <Tooltip title={t('res.minorTooltip')}>
              <Tag color="blue" className="gw-tag-compact">
                {t('res.minor')}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('res.gender'), dataIndex: 'gender', width: 80, render: (g: Resident['gender']) => t(GENDER_KEYS[g]) },
    { title: t('res.age'), dataIndex: 'age', width: 64, align: 'right' },
    { title: t('res.birthDate'), dataIndex: 'birthDate', key: 'birthDate', width: 116, sorter: true, sortOrder: sortOrderOf('birthDate') },
    { title: t('res.idNumber'), dataIndex: 'idNumber', width: 180, render: (v: string) => <span className="gw-mono">{v}</span> },
    { title: t('res.phone'), dataIndex: 'phone', width: 128, render: (v: string | null) => <span className="gw-mono">{v ?? '—'}</span> },
    { title: t('res.household'), dataIndex: 'householdName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('res.residenceType'), dataIndex: 'residenceType', width: 104, render: (v: Resident['residenceType']) => t(RESIDENCE_KEYS[v]) },
    {
      title: t('res.careGroups'),
      dataIndex: 'careGroups',
      width: 200,
      render: (codes: string[]) => <CareGroupTags codes={codes} types={careTypes.data} max={3} />,
    },
    {
      title: t('res.status'),
      dataIndex: 'status',
      width: 84,
      render: (s: ResidentStatus) => <Tag color={STATUS_COLORS[s]}>{t(STATUS_KEYS[s])}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_v, r) => (
        <Button type="link" size="small" onClick={() => navigate(`/residents/${r.id}`)} data-testid="resident-open">
          {t('res.detail')}
        </Button>
      ),
    },
  ];

  const onTableChange: TableProps<Resident>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey === 'name' || s?.columnKey === 'birthDate' ? (s.columnKey as Sort) : null;
    if (!key || !s?.order) apply(filters, 'createdAt', 'desc');
    else apply(filters, key, s.order === 'ascend' ? 'asc' : 'desc');
  };

  const items = list.data?.items ?? [];
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined);

  return (
    <div data-testid="residents-page">
      <PageHeader
        title={t('nav.residentList')}
        description={t('res.listDescription')}
        extra={
          <>
            {filters.placeId && place.data?.type === 'building' ? (
              <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/residents/buildings/${filters.placeId}`)} data-testid="resident-building-view">
                {t('res.buildingView')}
              </Button>
            ) : null}
            {can('resident.import') ? (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/residents/import')}>
                {t('nav.residentImport')}
              </Button>
            ) : null}
            {can('resident.export') ? (
              <Tooltip title={t('res.exportTooltip')}>
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="resident-export">
                  {t('res.export')}
                </Button>
              </Tooltip>
            ) : null}
            {can('resident.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resident-create">
                {t('res.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Form<Filters>
          form={form}
          name="resident-filters"
          layout="inline"
          className="gw-filter-bar"
          initialValues={filters}
          onFinish={(v) => apply(v)}
          data-testid="resident-filters"
        >
          <Form.Item name="q">
            <Input allowClear placeholder={t('res.filterQ')} style={{ width: 180 }} data-testid="resident-filter-q" />
          </Form.Item>
          <Form.Item name="idNumber">
            <Input allowClear placeholder={t('res.filterIdNumber')} style={{ width: 200 }} className="gw-mono" data-testid="resident-filter-idNumber" />
          </Form.Item>
          <Form.Item name="phone">
            <Input allowClear placeholder={t('res.filterPhone')} style={{ width: 150 }} inputMode="tel" data-testid="resident-filter-phone" />
          </Form.Item>
          <Form.Item name="placeId" style={{ width: 220 }}>
            <PlaceTreeSelect placeholder={t('res.filterPlace')} data-testid="resident-filter-place" />
          </Form.Item>
          <Form.Item name="careGroup">
            <Select
              allowClear
              placeholder={t('res.filterCareGroup')}
              style={{ width: 150 }}
              options={(careTypes.data ?? []).map((c) => ({ value: c.code, label: careName(c.code) }))}
              data-testid="resident-filter-careGroup"
            />
          </Form.Item>
          <Form.Item label={t('res.age')} className="gw-age-range">
            <Space.Compact>
              <Form.Item name="ageMin" noStyle>
                <InputNumber min={0} max={150} precision={0} placeholder={t('res.ageMin')} style={{ width: 76 }} data-testid="resident-filter-ageMin" />
              </Form.Item>
              <Form.Item name="ageMax" noStyle>
                <InputNumber min={0} max={150} precision={0} placeholder={t('res.ageMax')} style={{ width: 76 }} data-testid="resident-filter-ageMax" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('res.filterStatus')}
              style={{ width: 120 }}
              options={STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
              data-testid="resident-filter-status"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="resident-filter-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  for (const key of FILTER_KEYS) form.setFieldValue(key, undefined);
                  apply({});
                }}
                data-testid="resident-filter-reset"
              >
                {t('common.reset')}
              </Button>
              <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: ['residents', 'list'] })} />
            </Space>
          </Form.Item>
        </Form>
        <Table<Resident>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          onChange={onTableChange}
          scroll={{ x: 1360 }}
          size="middle"
          data-testid="resident-table"
          locale={{ emptyText: <TableEmpty text={filtered ? t('res.noMatch') : t('res.empty')} hint={!filtered && can('resident.write') ? t('res.emptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="resident-pager" />
      </Card>
      {creating ? (
        <ResidentFormModal submitting={create.isPending} onCancel={() => setCreating(false)} onCreate={(body) => create.mutate(body)} />
      ) : null}
    </div>
  );
}
