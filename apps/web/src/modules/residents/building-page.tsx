import './residents.css';
import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { CrownOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { householdsApi, placesApi, residentsApi } from '../../api/endpoints';
import type { CreateHousehold, CreateResident, Household, Resident, UpdateHousehold } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { careGroupColor, useCareGroupName } from './components/care-group-tags';
import { HouseholdFormModal } from './components/household-form-modal';
import { ResidentFormModal } from './components/resident-form-modal';
import { RELATION_KEYS, floorOf } from './labels';
import { useCareGroupTypes } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

type Dialog = { kind: 'create' } | { kind: 'edit'; household: Household } | { kind: 'resident'; household: Household } | null;

interface Floor {
  floor: number | null;
  households: Household[];
}

/** Households grouped by floor, top floor first (as the building stands). */
function floorsOf(households: readonly Household[]): Floor[] {
  const byFloor = new Map<number | null, Household[]>();
  for (const h of households) {
    const f = floorOf(h.name, h.code);
    byFloor.set(f, [...(byFloor.get(f) ?? []), h]);
  }
  return Array.from(byFloor.entries())
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : b - a))
    .map(([floor, list]) => ({ floor, households: list.sort((x, y) => x.name.localeCompare(y.name, 'zh-CN', { numeric: true })) }));
}

function HouseholdCard({
  household,
  members,
  onEdit,
  onDelete,
  onAddResident,
}: {
  household: Household;
  members: readonly Resident[];
  onEdit?: () => void;
  onDelete?: () => void;
  onAddResident?: () => void;
}) {
  const { t } = useI18n();
  const careTypes = useCareGroupTypes();
  const careName = useCareGroupName(careTypes.data);
  const groups = Array.from(new Set(members.flatMap((m) => m.careGroups)));
  const sorted = [...members].sort((a, b) => (a.id === household.headResidentId ? -1 : b.id === household.headResidentId ? 1 : a.birthDate.localeCompare(b.birthDate)));
  return (
    <Card
      size="small"
      className="gw-household-card"
      data-testid="household-card"
      data-household-id={household.id}
      title={
        <Space size={6}>
          <span>{household.name}</span>
          <Badge count={household.memberCount} showZero color={household.memberCount ? '#1677ff' : '#bfbfbf'} />
        </Space>
      }
      extra={
        <Space size={0}>
          {onAddResident ? (
            <Tooltip title={t('res.addResidentHere')}>
              <Button type="text" size="small" icon={<UserAddOutlined />} onClick={onAddResident} aria-label={t('res.addResidentHere')} />
            </Tooltip>
          ) : null}
          {onEdit ? (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={t('common.edit')} data-testid="household-edit" />
            </Tooltip>
          ) : null}
          {onDelete ? (
            <Tooltip title={t('common.delete')}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={onDelete} aria-label={t('common.delete')} data-testid="household-delete" />
            </Tooltip>
          ) : null}
        </Space>
      }
    >
      {sorted.length === 0 ? (
        <Typography.Text type="secondary">{t('res.householdEmpty')}</Typography.Text>
      ) : (
        <ul className="gw-household-members">
          {sorted.map((m) => (
            <li key={m.id}>
              {m.id === household.headResidentId ? <CrownOutlined className="gw-head-icon" title={t('res.head')} /> : null}
              <Link to={`/residents/${m.id}`}>{m.name}</Link>
              <Typography.Text type="secondary" className="gw-household-member-meta">
                {m.relationToHead ? t(RELATION_KEYS[m.relationToHead]) : ''} {t('res.ageValue', { age: m.age })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {groups.length > 0 ? (
        <div className="gw-household-groups">
          {groups.map((g) => (
            <Tag key={g} color={careGroupColor(g)} className="gw-tag-compact">
              {careName(g)}
            </Tag>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

/** 楼栋视图: floors × households, each with its members, head and care groups. */
export function BuildingPage() {
  const { buildingId } = useParams();
  const { t } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = can('resident.write');

  const building = useQuery({
    queryKey: ['places', 'detail', buildingId],
    queryFn: () => placesApi.get(buildingId ?? ''),
    enabled: Boolean(buildingId),
  });
  const households = useQuery({
    queryKey: ['households', 'building', buildingId],
    queryFn: () => householdsApi.allOfBuilding(buildingId ?? ''),
    enabled: Boolean(buildingId),
  });
  const residents = useQuery({
    queryKey: ['residents', 'building', buildingId],
    queryFn: () => residentsApi.allUnder(buildingId ?? ''),
    enabled: Boolean(buildingId),
  });

  const membersOf = useMemo(() => {
    const map = new Map<string, Resident[]>();
    for (const r of residents.data ?? []) {
      if (!r.householdId || r.status !== 'active') continue;
      map.set(r.householdId, [...(map.get(r.householdId) ?? []), r]);
    }
    return map;
  }, [residents.data]);
  const floors = useMemo(() => floorsOf(households.data ?? []), [households.data]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['households'] });
    await queryClient.invalidateQueries({ queryKey: ['residents'] });
  };
  const createHousehold = useMutation({
    mutationFn: (body: CreateHousehold) => householdsApi.create(body),
    onSuccess: async () => {
      setDialog(null);
      void message.success(t('res.householdCreated'));
      await refresh();
    },
  });
  const updateHousehold = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateHousehold }) => householdsApi.update(id, body),
    onSuccess: async () => {
      setDialog(null);
      void message.success(t('common.saved'));
      await refresh();
    },
  });
  const removeHousehold = useMutation({
    mutationFn: (id: string) => householdsApi.remove(id),
    onSuccess: async () => {
      void message.success(t('res.householdDeleted'));
      await refresh();
    },
  });
  const createResident = useMutation({
    mutationFn: (body: CreateResident) => residentsApi.create(body),
    onSuccess: async (r) => {
      setDialog(null);
      void message.success(t('res.created', { name: r.name }));
      await refresh();
    },
  });

  const onDelete = (h: Household) =>
    modal.confirm({
      title: t('res.householdDeleteConfirm', { name: h.name }),
      content: h.memberCount > 0 ? t('res.householdDeleteHasMembers', { count: h.memberCount }) : t('common.irreversible'),
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () => removeHousehold.mutateAsync(h.id).catch(() => undefined),
    });

  const loading = households.isPending || residents.isPending;
  const total = (households.data ?? []).reduce((n, h) => n + h.memberCount, 0);

  return (
    <div data-testid="building-page">
      <PageHeader
        title={building.data ? t('res.buildingTitle', { name: building.data.name }) : t('res.buildingView')}
        description={building.data ? t('res.buildingSummary', { households: households.data?.length ?? 0, residents: total }) : t('res.buildingPick')}
        extra={
          <>
            <div style={{ width: 260 }}>
              <PlaceTreeSelect
                value={undefined}
                onChange={(v) => v && navigate(`/residents/buildings/${v}`)}
                canPick={(p) => p.type === 'building'}
                placeholder={t('res.buildingPick')}
                data-testid="building-select"
              />
            </div>
            {buildingId ? (
              <RefreshButton onRefresh={() => void refresh()} />
            ) : null}
            {buildingId && canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="household-create">
                {t('res.householdCreate')}
              </Button>
            ) : null}
          </>
        }
      />
      {!buildingId ? (
        <Card>
          <Empty description={t('res.buildingPick')} />
        </Card>
      ) : building.isError ? (
        <Card>
          <Empty description={errorText(building.error)} />
        </Card>
      ) : loading ? (
        <Spin className="gw-loading" />
      ) : floors.length === 0 ? (
        <Card>
          <Empty description={t('res.buildingEmpty')} />
        </Card>
      ) : (
        <div className="gw-building" data-testid="building-grid">
          {floors.map((f) => (
            <div key={f.floor ?? 'other'} className="gw-floor" data-floor={f.floor ?? ''}>
              <div className="gw-floor-label">{f.floor === null ? t('res.floorOther') : t('res.floor', { floor: f.floor })}</div>
              <div className="gw-floor-households">
                {f.households.map((h) => (
                  <HouseholdCard
                    key={h.id}
                    household={h}
                    members={membersOf.get(h.id) ?? []}
                    onEdit={canWrite ? () => setDialog({ kind: 'edit', household: h }) : undefined}
                    onDelete={canWrite ? () => onDelete(h) : undefined}
                    onAddResident={canWrite ? () => setDialog({ kind: 'resident', household: h }) : undefined}
                  />
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
      {buildingId && (dialog?.kind === 'create' || dialog?.kind === 'edit') ? (
        <HouseholdFormModal
          buildingId={buildingId}
          household={dialog.kind === 'edit' ? dialog.household : undefined}
          members={dialog.kind === 'edit' ? (membersOf.get(dialog.household.id) ?? []) : []}
          submitting={createHousehold.isPending || updateHousehold.isPending}
          onCancel={() => setDialog(null)}
          onCreate={(body) => createHousehold.mutate(body)}
          onUpdate={(body) => dialog.kind === 'edit' && updateHousehold.mutate({ id: dialog.household.id, body })}
        />
      ) : null}
      {dialog?.kind === 'resident' ? (
        <ResidentFormModal
          defaultHouseholdId={dialog.household.id}
          defaultHouseholdName={dialog.household.name}
          submitting={createResident.isPending}
          onCancel={() => setDialog(null)}
          onCreate={(body) => createResident.mutate(body)}
        />
      ) : null}
    </div>
  );
}
