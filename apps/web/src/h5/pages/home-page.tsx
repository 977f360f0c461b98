import { ErrorBlock, List, Tag } from 'antd-mobile';
import { PinIcon } from '../components/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { placesApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { Loading } from '../components/loading';
import { ServiceShortcuts } from './events/service-shortcuts';
import { ServiceEntries } from './requests/service-entries';
import { PartyHomeEntry } from './party/party-home-entry';

/** 首页: service entries (我要反映 · 我的诉求 · 微心愿; 活动报名 · 我的积分 · 爱心超市 · 菜单式讲堂) and 我的网格, the places the user looks after. */
export function HomePage() {
  const { t, roleLabel, placeTypeLabel } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const roots = useQuery({ queryKey: ['places', 'roots'], queryFn: placesApi.roots });
  const roleNames = Array.from(new Set((me?.roles ?? []).map((r) => roleLabel(r.role))));
  // A resident's place is their home, not a grid.
  const homeOnly = (me?.roles ?? []).length > 0 && (me?.roles ?? []).every((r) => r.placeType === 'household');

  return (
    <div data-testid="h5-home">
      <section className="h5-hero">
        <div className="h5-hero-greeting">{t('h5.greeting', { name: me?.displayName ?? '' })}</div>
        <div className="h5-hero-roles">{roleNames.join(' · ') || t('header.noRole')}</div>
      </section>
      <ServiceEntries />
      <ServiceShortcuts />
      <PartyHomeEntry />
      <List header={<span className="h5-section-title">{homeOnly ? t('h5r.myHome') : t('h5.myGrids')}</span>} mode="card" data-testid="h5-my-grids">
        {roots.isPending ? (
          <List.Item>
            <Loading />
          </List.Item>
        ) : roots.isError ? (
          <List.Item>
            <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(roots.error)} />
          </List.Item>
        ) : roots.data.length === 0 ? (
          <List.Item>
            <ErrorBlock status="empty" title={t('h5.noPlaces')} description={t('h5.noPlacesDetail')} />
          </List.Item>
        ) : (
          roots.data.map((p) => (
            <List.Item
              key={p.id}
              prefix={<PinIcon className="h5-item-icon" />}
              description={
                <span>
                  {placeTypeLabel(p.type)}
                  {p.code ? ` · ${p.code}` : ''}
                </span>
              }
              extra={p.childCount > 0 ? <Tag color="primary" fill="outline">{t('h5.childCount', { count: p.childCount })}</Tag> : null}
              onClick={() => navigate(`/places/${p.id}`)}
              data-place-id={p.id}
            >
              {p.name}
            </List.Item>
          ))
        )}
      </List>
    </div>
  );
}
