import './residents.css';
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Spin, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  ExportOutlined,
  FileProtectOutlined,
  LockOutlined,
  PlusOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { householdsApi, residentsApi, visitsApi } from '../../api/endpoints';
import type { ResidentDetail, RevealableField, UpdateResident } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText, reportError } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { PageHeader } from '../../admin/components/page-header';
import { CareGroupTags, careGroupColor } from './components/care-group-tags';
import { MoveHouseholdModal } from './components/move-household-modal';
import { ResidentFormModal } from './components/resident-form-modal';
import { RevealButton } from './components/reveal-button';
import { VisitFormModal } from './components/visit-form-modal';
import { GENDER_KEYS, ID_TYPE_KEYS, RELATION_KEYS, RESIDENCE_KEYS, STATUS_COLORS, STATUS_KEYS, VISIT_METHOD_KEYS } from './labels';
import { useCareGroupTypes } from './queries';

type Dialog = 'edit' | 'move' | 'visit' | null;
type CareRow = ResidentDetail['careGroupDetails'][number];

/** A masked value with its 查看 button, or the revealed value (highlighted). */
function Sensitive({
  resident,
  field,
  label,
  masked,
  revealed,
  onRevealed,
}: {
  resident: ResidentDetail;
  field: RevealableField;
  label: string;
  masked: ReactNode;
  revealed: string | null | undefined;
  onRevealed: (value: string | null) => void;
}) {
  const { t } = useI18n();
  if (revealed !== undefined) {
    return (
      <Tooltip title={t('res.revealedTooltip')}>
        <span className="gw-revealed" data-testid={`resident-revealed-${field}`}>
          {revealed ?? '—'}
        </span>
      </Tooltip>
    );
  }
  return (
    <Space size={4} wrap>
      <span className="gw-mono" data-testid={`resident-masked-${field}`}>
        {masked}
      </span>
      {resident.abilities.reveal ? <RevealButton residentId={resident.id} field={field} fieldLabel={label} onRevealed={onRevealed} /> : null}
    </Space>
  );
}

function ResidentError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = (
    <Button type="primary" onClick={() => navigate('/residents')}>
      {t('res.backToList')}
    </Button>
  );
  if (isApiError(error) && error.code === 'resident_minor_forbidden') {
    return (
      <Result
        icon={<LockOutlined />}
        status="warning"
        title={t('res.minorForbiddenTitle')}
        subTitle={t('res.minorForbiddenDetail')}
        extra={back}
        data-testid="resident-minor-forbidden"
      />
    );
  }
  if (isApiError(error) && error.status === 404) {
    return <Result status="404" title={t('res.notFoundTitle')} subTitle={errorText(error)} extra={back} />;
  }
  if (isApiError(error) && error.status === 403) {
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={errorText(error)} extra={back} />;
  }
  return <Result status="error" title={t('h5.loadFailed')} subTitle={errorText(error)} extra={back} />;
}

/** 居民详情: masked fields with audited 查看, care groups, moves, visits and the record's actions. */
export function ResidentDetailPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [revealed, setRevealed] = useState<Partial<Record<RevealableField, string | null>>>({});
  const [exporting, setExporting] = useState(false);
  const careTypes = useCareGroupTypes();

  const detail = useQuery({
    queryKey: ['residents', 'detail', id],
    queryFn: () => residentsApi.get(id),
    enabled: Boolean(id),
    meta: { silent: true },
  });
  const resident = detail.data;
  const household = useQuery({
    queryKey: ['households', 'detail', resident?.householdId],
    queryFn: () => householdsApi.get(resident?.householdId ?? ''),
    enabled: Boolean(resident?.householdId),
    meta: { silent: true },
  });
  const visits = useQuery({
    queryKey: ['visits', 'resident', id],
    queryFn: () => visitsApi.ofResident(id),
    enabled: Boolean(resident),
  });

  const afterChange = async () => {
    setRevealed({});
    await queryClient.invalidateQueries({ queryKey: ['residents'] });
    await queryClient.invalidateQueries({ queryKey: ['households'] });
  };
  const update = useMutation({
    mutationFn: (body: UpdateResident) => residentsApi.update(id, body),
    onSuccess: async () => {
      setDialog(null);
      void message.success(t('common.saved'));
      await afterChange();
    },
  });
  const remove = useMutation({
    mutationFn: () => residentsApi.remove(id),
    onSuccess: async () => {
      void message.success(t('res.anonymised'));
      await afterChange();
      navigate('/residents', { replace: true });
    },
  });

  if (detail.isPending) return <Spin className="gw-loading" />;
  if (detail.isError || !resident) return <ResidentError error={detail.error} />;

  const r = resident;
  const canVisit = can('visit.write') && r.status === 'active';
  const canExportPersonal = r.abilities.reveal || can('resident.export');
  const setOne = (field: RevealableField) => (value: string | null) => {
    setRevealed((prev) => ({ ...prev, [field]: value }));
    void message.info(t('res.revealAudited'));
  };

  const onExportPersonal = async () => {
    setExporting(true);
    try {
      await residentsApi.downloadPersonalData(r.id);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const onAnonymise = () =>
    modal.confirm({
      title: t('res.anonymiseConfirm', { name: r.name }),
      content: (
        <div data-testid="resident-anonymise-dialog">
          <Typography.Paragraph>{t('res.anonymiseDetail')}</Typography.Paragraph>
          <Typography.Text type="danger" strong>
            {t('common.irreversible')}
          </Typography.Text>
        </div>
      ),
      okText: t('res.anonymise'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'resident-anonymise-confirm' },
      onOk: () => remove.mutateAsync().catch(() => undefined),
    });

  const info: DescriptionsProps['items'] = [
    { key: 'name', label: t('res.name'), children: r.name },
    { key: 'gender', label: t('res.gender'), children: t(GENDER_KEYS[r.gender]) },
    { key: 'birthDate', label: t('res.birthDate'), children: r.birthDate },
    { key: 'age', label: t('res.age'), children: t('res.ageValue', { age: r.age }) },
    { key: 'idType', label: t('res.idType'), children: t(ID_TYPE_KEYS[r.idType]) },
    {
      key: 'idNumber',
      label: t('res.idNumber'),
      children: (
        <Sensitive resident={r} field="idNumber" label={t('res.idNumber')} masked={r.idNumber} revealed={revealed.idNumber} onRevealed={setOne('idNumber')} />
      ),
    },
    {
      key: 'phone',
      label: t('res.phone'),
      children: r.phone ? (
        <Sensitive resident={r} field="phone" label={t('res.phone')} masked={r.phone} revealed={revealed.phone} onRevealed={setOne('phone')} />
      ) : (
        '—'
      ),
    },
    {
      key: 'household',
      label: t('res.household'),
      children: r.householdName ? (
        household.data ? (
          <Link to={`/residents/buildings/${household.data.buildingId}`} data-testid="resident-household-link">
            {household.data.buildingName && !r.householdName.startsWith(household.data.buildingName) ? `${household.data.buildingName} ${r.householdName}` : r.householdName}
          </Link>
        ) : (
          r.householdName
        )
      ) : (
        '—'
      ),
    },
    { key: 'relation', label: t('res.relationToHead'), children: r.relationToHead ? t(RELATION_KEYS[r.relationToHead]) : '—' },
    { key: 'residence', label: t('res.residenceType'), children: t(RESIDENCE_KEYS[r.residenceType]) },
    { key: 'occupation', label: t('res.occupation'), children: r.occupation ?? '—' },
    { key: 'employer', label: t('res.employer'), children: r.employer ?? '—' },
    {
      key: 'health',
      label: t('res.healthNotes'),
      span: 'filled',
      children: r.hasHealthNotes ? (
        <Sensitive
          resident={r}
          field="healthNotes"
          label={t('res.healthNotes')}
          masked={t('res.healthNotesHidden')}
          revealed={revealed.healthNotes}
          onRevealed={setOne('healthNotes')}
        />
      ) : (
        '—'
      ),
    },
    { key: 'notes', label: t('res.notes'), span: 'filled', children: r.notes ?? '—' },
    { key: 'created', label: t('common.createdAt'), children: formatDateTime(r.createdAt) },
    { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(r.updatedAt) },
  ];

  const careColumns: TableColumnsType<CareRow> = [
    {
      title: t('res.careGroup'),
      dataIndex: 'code',
      render: (code: string, c) => <Tag color={careGroupColor(code)}>{c.name}</Tag>,
    },
    { title: t('res.grade'), dataIndex: 'grade', width: 72, render: (g: number | null) => (g ? t('res.gradeValue', { grade: g }) : '—') },
    { title: t('res.startDate'), dataIndex: 'startDate', width: 116, render: (v: string | null) => v ?? '—' },
    { title: t('res.endDate'), dataIndex: 'endDate', width: 116, render: (v: string | null) => v ?? '—' },
    { title: t('res.responsible'), dataIndex: 'responsibleName', render: (v: string | null) => v ?? '—' },
  ];

  const moves = [...r.moves].sort((a, b) => b.movedAt.localeCompare(a.movedAt));
  const visitItems = visits.data?.items ?? [];

  return (
    <div data-testid="resident-detail">
      <PageHeader
        title={
          <Space size={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('res.backToList')} />
            <span data-testid="resident-name">{r.name}</span>
            <Tag color={STATUS_COLORS[r.status]}>{t(STATUS_KEYS[r.status])}</Tag>
            {r.isMinor ? <Tag color="blue">{t('res.minor')}</Tag> : null}
            {r.careGroups.length > 0 ? <CareGroupTags codes={r.careGroups} types={careTypes.data} /> : null}
          </Space>
        }
        extra={
          <>
            {canVisit ? (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('visit')} data-testid="resident-add-visit">
                {t('res.addVisit')}
              </Button>
            ) : null}
            {r.abilities.update && r.status !== 'anonymised' ? (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="resident-edit">
                  {t('common.edit')}
                </Button>
                <Button icon={<SwapOutlined />} onClick={() => setDialog('move')} data-testid="resident-move">
                  {t('res.move')}
                </Button>
              </>
            ) : null}
            {canExportPersonal ? (
              <Tooltip title={t('res.personalDataTooltip')}>
                <Button icon={<ExportOutlined />} loading={exporting} onClick={() => void onExportPersonal()} data-testid="resident-personal-data">
                  {t('res.personalData')}
                </Button>
              </Tooltip>
            ) : null}
            {r.abilities.delete && r.status !== 'anonymised' ? (
              <Button danger icon={<DeleteOutlined />} onClick={onAnonymise} data-testid="resident-anonymise">
                {t('res.anonymise')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('res.basicInfo')} extra={<FileProtectOutlined title={t('res.maskedNote')} />}>
            <Descriptions items={info} column={{ xs: 1, sm: 2, lg: 2, xl: 2, xxl: 3 }} size="small" bordered />
            <Typography.Paragraph type="secondary" className="gw-masked-note">
              <LockOutlined /> {t('res.maskedNote')}
            </Typography.Paragraph>
          </Card>
          <Card title={t('res.careGroups')} className="gw-card-gap" data-testid="resident-care-groups">
            <Table<CareRow>
              rowKey="code"
              size="small"
              columns={careColumns}
              dataSource={r.careGroupDetails}
              pagination={false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.noCareGroups')} /> }}
            />
          </Card>
          <Card
            title={t('res.visits')}
            className="gw-card-gap"
            extra={
              canVisit ? (
                <Button type="link" icon={<PlusOutlined />} onClick={() => setDialog('visit')}>
                  {t('res.addVisit')}
                </Button>
              ) : null
            }
            data-testid="resident-visits"
          >
            <List
              loading={visits.isPending}
              dataSource={visitItems}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.noVisits')} /> }}
              renderItem={(v) => (
                <List.Item key={v.id}>
                  <List.Item.Meta
                    title={
                      <Space size={8} wrap>
                        <span>{formatDateTime(v.visitedAt)}</span>
                        <Tag>{t(VISIT_METHOD_KEYS[v.method])}</Tag>
                        <Typography.Text type="secondary">{v.visitorName}</Typography.Text>
                      </Space>
                    }
                    description={
                      <>
                        <div className="gw-prewrap">{v.observations}</div>
                        {v.needsFound ? (
                          <div className="gw-visit-needs">
                            <Tag color="volcano">{t('res.needsFound')}</Tag>
                            <span className="gw-prewrap">{v.needsFound}</span>
                          </div>
                        ) : null}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('res.moves')} data-testid="resident-moves">
            {moves.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.noMoves')} />
            ) : (
              <Timeline
                items={moves.map((m) => ({
                  key: m.id,
                  color: m.toHouseholdId ? 'blue' : 'gray',
                  title: formatDateTime(m.movedAt),
                  content: (
                    <div>
                      <div>
                        {m.fromHouseholdName
                          ? t('res.moveLine', { from: m.fromHouseholdName, to: m.toHouseholdName ?? t('res.movedOutNowhere') })
                          : t('res.moveIn', { to: m.toHouseholdName ?? '—' })}
                      </div>
                      {m.reason ? <Typography.Text type="secondary">{t('res.moveReasonValue', { reason: m.reason })}</Typography.Text> : null}
                      {m.actorName ? (
                        <div>
                          <Typography.Text type="secondary">{t('res.moveBy', { name: m.actorName })}</Typography.Text>
                        </div>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {dialog === 'edit' ? (
        <ResidentFormModal resident={r} submitting={update.isPending} onCancel={() => setDialog(null)} onUpdate={(body) => update.mutate(body)} />
      ) : null}
      {dialog === 'move' ? (
        <MoveHouseholdModal resident={r} submitting={update.isPending} onCancel={() => setDialog(null)} onSubmit={(body) => update.mutate(body)} />
      ) : null}
      {dialog === 'visit' ? <VisitFormModal residentId={r.id} residentName={r.name} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
