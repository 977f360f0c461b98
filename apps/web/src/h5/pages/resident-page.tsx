import './residents-h5.css';
import { Button, ErrorBlock, List, NavBar, Space, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { residentsApi, visitsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { careGroupHex } from '../../modules/residents/care-colors';
import { GENDER_KEYS, RELATION_KEYS, RESIDENCE_KEYS, STATUS_KEYS, VISIT_METHOD_KEYS } from '../../modules/residents/labels';
import { Loading } from '../components/loading';

/** A resident's card: masked values, care groups, recent visits, 登记走访. */
export function ResidentPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useQuery({ queryKey: ['residents', 'detail', id], queryFn: () => residentsApi.get(id), enabled: Boolean(id), meta: { silent: true } });
  const visits = useQuery({ queryKey: ['visits', 'resident', id], queryFn: () => visitsApi.ofResident(id), enabled: Boolean(detail.data) });
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/residents', { replace: true }));
  const r = detail.data;
  const minorForbidden = isApiError(detail.error) && detail.error.code === 'resident_minor_forbidden';

  return (
    <div className="h5-app" data-testid="h5-resident">
      <NavBar onBack={back} className="h5-navbar" backIcon>
        {r?.name ?? t('res.resident')}
      </NavBar>
      <main className="h5-main">
        {detail.isPending ? (
          <Loading />
        ) : minorForbidden ? (
          <ErrorBlock status="disconnected" title={t('res.minorForbiddenTitle')} description={t('res.minorForbiddenDetail')} data-testid="h5-minor-forbidden" />
        ) : detail.isError || !r ? (
          <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(detail.error)} />
        ) : (
          <>
            <section className="h5-resident-head">
              <div className="h5-resident-head-name">{r.name}</div>
              <div className="h5-resident-head-meta">
                {t(GENDER_KEYS[r.gender])} · {t('res.ageValue', { age: r.age })} · {t(STATUS_KEYS[r.status])}
              </div>
              {r.careGroupDetails.length > 0 ? (
                <Space wrap style={{ '--gap': '6px' }} className="h5-resident-groups">
                  {r.careGroupDetails.map((c) => (
                    <Tag key={c.code} color={careGroupHex(c.code)}>
                      {c.name}
                      {c.grade ? ` ${t('res.gradeValue', { grade: c.grade })}` : ''}
                    </Tag>
                  ))}
                </Space>
              ) : null}
            </section>
            <List mode="card" header={<span className="h5-section-title">{t('res.basicInfo')}</span>}>
              <List.Item extra={<span className="h5-mono">{r.idNumber}</span>}>{t('res.idNumber')}</List.Item>
              <List.Item extra={<span className="h5-mono">{r.phone ?? '—'}</span>}>{t('res.phone')}</List.Item>
              <List.Item extra={r.birthDate}>{t('res.birthDate')}</List.Item>
              <List.Item extra={r.householdName ?? '—'}>{t('res.household')}</List.Item>
              <List.Item extra={r.relationToHead ? t(RELATION_KEYS[r.relationToHead]) : '—'}>{t('res.relationToHead')}</List.Item>
              <List.Item extra={t(RESIDENCE_KEYS[r.residenceType])}>{t('res.residenceType')}</List.Item>
              {r.occupation ? <List.Item extra={r.occupation}>{t('res.occupation')}</List.Item> : null}
              {r.careGroupDetails.some((c) => c.responsibleName) ? (
                <List.Item extra={Array.from(new Set(r.careGroupDetails.map((c) => c.responsibleName).filter(Boolean))).join(t('common.listSeparator'))}>
                  {t('res.responsible')}
                </List.Item>
              ) : null}
            </List>
            <div className="h5-masked-note">{t('res.h5MaskedNote')}</div>
            {can('visit.write') && r.status === 'active' ? (
              <div className="h5-actions">
                <Button block color="primary" size="large" onClick={() => navigate(`/residents/${r.id}/visit`)} data-testid="h5-add-visit">
                  {t('res.addVisit')}
                </Button>
              </div>
            ) : null}
            <List mode="card" header={<span className="h5-section-title">{t('res.visits')}</span>} data-testid="h5-resident-visits">
              {visits.isPending ? (
                <List.Item>
                  <Loading />
                </List.Item>
              ) : (visits.data?.items ?? []).length === 0 ? (
                <List.Item>
                  <span className="h5-muted">{t('res.noVisits')}</span>
                </List.Item>
              ) : (
                (visits.data?.items ?? []).slice(0, 10).map((v) => (
                  <List.Item
                    key={v.id}
                    title={`${formatDateTime(v.visitedAt)} · ${t(VISIT_METHOD_KEYS[v.method])} · ${v.visitorName}`}
                    description={v.needsFound ? `${t('res.needsFound')}：${v.needsFound}` : undefined}
                  >
                    <div className="h5-prewrap">{v.observations}</div>
                  </List.Item>
                ))
              )}
            </List>
          </>
        )}
      </main>
    </div>
  );
}
