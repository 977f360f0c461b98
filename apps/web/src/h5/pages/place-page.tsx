import { ErrorBlock, List, NavBar, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { placesApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { Loading } from '../components/loading';

/** One place: what it is, where it sits, and its children to drill further. */
export function PlacePage() {
  const { t, placeTypeLabel } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const place = useQuery({ queryKey: ['places', 'detail', id], queryFn: () => placesApi.get(id), enabled: Boolean(id) });
  const ancestors = useQuery({ queryKey: ['places', 'ancestors', id], queryFn: () => placesApi.ancestors(id), enabled: Boolean(id) });
  const children = useQuery({
    queryKey: ['places', 'children', id],
    queryFn: () => placesApi.allChildren(id),
    enabled: Boolean(place.data && place.data.childCount > 0),
  });
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/', { replace: true }));
  const path = [...(ancestors.data ?? []).filter((a) => a.id !== id).map((a) => a.name), place.data?.name ?? '']
    .filter(Boolean)
    .join(' / ');

  return (
    <div className="h5-app" data-testid="h5-place">
      <NavBar onBack={back} className="h5-navbar" backIcon>
        {place.data?.name ?? t('h5.place')}
      </NavBar>
      <main className="h5-main">
        {place.isPending ? (
          <Loading />
        ) : place.isError ? (
          <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(place.error)} />
        ) : (
          <>
            <List mode="card" header={<span className="h5-section-title">{t('h5.placeInfo')}</span>}>
              <List.Item extra={<Tag color="primary">{placeTypeLabel(place.data.type)}</Tag>}>{t('places.type')}</List.Item>
              <List.Item extra={place.data.code ?? '—'}>{t('places.code')}</List.Item>
              <List.Item extra={place.data.childCount}>{t('places.childCount')}</List.Item>
              <List.Item description={path || '—'}>{t('places.path')}</List.Item>
            </List>
            <List mode="card" header={<span className="h5-section-title">{t('h5.children')}</span>} data-testid="h5-children">
              {place.data.childCount === 0 ? (
                <List.Item>
                  <ErrorBlock status="empty" title={t('h5.noChildren')} description="" />
                </List.Item>
              ) : children.isPending ? (
                <List.Item>
                  <Loading />
                </List.Item>
              ) : children.isError ? (
                <List.Item>
                  <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(children.error)} />
                </List.Item>
              ) : (
                children.data.map((c) => (
                  <List.Item
                    key={c.id}
                    description={placeTypeLabel(c.type) + (c.code ? ` · ${c.code}` : '')}
                    extra={c.childCount > 0 ? t('h5.childCount', { count: c.childCount }) : null}
                    onClick={() => navigate(`/places/${c.id}`)}
                    data-place-id={c.id}
                  >
                    {c.name}
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
