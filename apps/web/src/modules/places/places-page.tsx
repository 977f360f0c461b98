import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { ALLOWED_CHILDREN } from '@gridwork/contracts';
import { placesApi } from '../../api/endpoints';
import type { CreatePlace, Place, UpdatePlace } from '../../api/types';
import { useI18n } from '../../i18n';
import { reportError } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { LazyTreeView } from '../../shared/lazy-tree-view';
import { useLazyTree } from '../../shared/use-lazy-tree';
import { PageHeader } from '../../admin/components/page-header';
import { parseBoundary } from './boundary';
import { GridBoundaryMap } from './components/grid-boundary-map';
import { MovePlaceModal } from './components/move-place-modal';
import { PlaceFormModal, type PlaceFormValues } from './components/place-form-modal';
import { PlaceNodeTitle } from './components/place-node-title';
import { RefreshButton } from '../../admin/components/refresh-button';

type Dialog = 'create' | 'edit' | 'move' | null;

function scrollToNode(id: string) {
  window.requestAnimationFrame(() => {
    document.querySelector(`[data-place-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  });
}

export function PlacesPage() {
  const { t, placeTypeLabel, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('id');
  const tree = useLazyTree<Place>(placesApi.roots, placesApi.allChildren);
  const { roots, find, expandChain, refreshChildren, reset, patch } = tree;
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = can('place.write');

  const select = useCallback(
    (id: string | null) => setSearchParams(id ? { id } : {}, { replace: true }),
    [setSearchParams],
  );

  /** Open the tree down to a place and select it. */
  const reveal = useCallback(
    async (id: string) => {
      select(id);
      try {
        const ancestors = await queryClient.fetchQuery({
          queryKey: ['places', 'ancestors', id],
          queryFn: () => placesApi.ancestors(id),
        });
        const chain = ancestors.map((a) => a.id).filter((a) => a !== id);
        const start = chain.findIndex((a) => find(a) !== undefined);
        if (start >= 0) await expandChain(chain.slice(start));
        scrollToNode(id);
      } catch (error) {
        reportError(error);
      }
    },
    [select, queryClient, find, expandChain],
  );

  // First visit: open the place named in the URL, or the first root.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !roots) return;
    opened.current = true;
    if (selectedId) {
      void reveal(selectedId);
      return;
    }
    const first = roots[0];
    if (!first) return;
    select(first.id);
    if (first.childCount > 0) void expandChain([first.id]).catch(reportError);
  }, [roots, selectedId, reveal, select, expandChain]);

  const detail = useQuery({
    queryKey: ['places', 'detail', selectedId],
    queryFn: () => placesApi.get(selectedId ?? ''),
    enabled: Boolean(selectedId),
    placeholderData: () => (selectedId ? find(selectedId) : undefined),
  });
  const place = selectedId ? detail.data : undefined;

  const ancestors = useQuery({
    queryKey: ['places', 'ancestors', selectedId],
    queryFn: () => placesApi.ancestors(selectedId ?? ''),
    enabled: Boolean(selectedId),
  });

  const showsMap = place?.type === 'community' || place?.type === 'grid';
  const boundaries = useQuery({
    queryKey: ['places', 'boundaries', place?.id],
    queryFn: () => placesApi.gridBoundaries(place?.id ?? ''),
    enabled: Boolean(place?.id) && showsMap,
  });

  const search = useQuery({
    queryKey: ['places', 'search', q],
    queryFn: () => placesApi.list({ q, limit: 50 }),
    enabled: q.length > 0,
  });

  /** The list a place sits in: null for the roots of the tree. */
  const parentKeyOf = useCallback(
    (p: Place): string | null => (roots?.some((r) => r.id === p.id) ? null : p.parentId),
    [roots],
  );

  const afterChange = useCallback(() => queryClient.invalidateQueries({ queryKey: ['places'] }), [queryClient]);

  const createPlace = useMutation({
    mutationFn: (body: CreatePlace) => placesApi.create(body),
    onSuccess: async (created) => {
      void message.success(t('places.created', { name: created.name }));
      setDialog(null);
      await refreshChildren(created.parentId);
      await afterChange();
      scrollToNode(created.id);
    },
  });

  const updatePlace = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePlace }) => placesApi.update(id, body),
    onSuccess: async (updated, { body }) => {
      setDialog(null);
      if (body.parentId !== undefined) {
        void message.success(t('places.moved', { name: updated.name }));
        await reset();
        await afterChange();
        await reveal(updated.id);
        return;
      }
      void message.success(t('places.updated', { name: updated.name }));
      patch(updated);
      await refreshChildren(parentKeyOf(updated));
      await afterChange();
    },
  });

  const deletePlace = useMutation({
    mutationFn: (p: Place) => placesApi.remove(p.id),
    onSuccess: async (_data, p) => {
      void message.success(t('places.deleted', { name: p.name }));
      const parentKey = parentKeyOf(p);
      select(parentKey);
      queryClient.removeQueries({ queryKey: ['places', 'detail', p.id] });
      await refreshChildren(parentKey);
      await afterChange();
    },
  });

  const onSubmitForm = (values: PlaceFormValues) => {
    if (!place) return;
    const code = values.code?.trim() ?? '';
    const boundary = parseBoundary(values.boundary);
    const boundaryValue = boundary.ok ? boundary.value : null;
    if (dialog === 'create') {
      createPlace.mutate({
        parentId: place.id,
        type: values.type,
        name: values.name.trim(),
        ...(code ? { code } : {}),
        ...(values.type === 'grid' && boundaryValue ? { boundary: boundaryValue } : {}),
      });
    } else if (dialog === 'edit') {
      updatePlace.mutate({
        id: place.id,
        body: {
          name: values.name.trim(),
          code: code || null,
          ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
          ...(place.type === 'grid' ? { boundary: boundaryValue } : {}),
        },
      });
    }
  };

  const confirmDelete = (p: Place) => {
    modal.confirm({
      title: t('places.deleteConfirmTitle', { name: p.name }),
      content: p.childCount > 0 ? t('places.deleteHasChildren', { count: p.childCount }) : t('common.irreversible'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () => deletePlace.mutateAsync(p).catch(() => undefined),
    });
  };

  const placeTitle = useCallback((p: Place) => <PlaceNodeTitle place={p} />, []);

  const childTypes = place ? ALLOWED_CHILDREN[place.type] : [];
  const pathText = useMemo(() => {
    if (!place) return '';
    const names = (ancestors.data ?? []).filter((a) => a.id !== place.id).map((a) => a.name);
    return [...names, place.name].join(' / ');
  }, [ancestors.data, place]);

  const treeCard = (
    <Card
      className="gw-tree-card"
      title={t('places.treeTitle')}
      extra={
        <RefreshButton onRefresh={() => void reset()} size="small" type="text" />
      }
    >
      <Input.Search
        allowClear
        placeholder={t('places.searchPlaceholder')}
        value={qInput}
        onSearch={(value) => setQ(value.trim())}
        onChange={(e) => {
          setQInput(e.target.value);
          if (!e.target.value) setQ('');
        }}
        data-testid="place-search"
      />
      <div className="gw-tree-scroll">
        {q ? (
          search.isLoading ? (
            <Spin style={{ display: 'block', padding: 24 }} />
          ) : (search.data?.items.length ?? 0) === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('places.noSearchResults', { q })} />
          ) : (
            <ul className="gw-search-results" data-testid="place-search-results">
              {search.data?.items.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className={p.id === selectedId ? 'gw-search-hit is-selected' : 'gw-search-hit'}
                    onClick={() => {
                      setQ('');
                      setQInput('');
                      void reveal(p.id);
                    }}
                  >
                    <span className="gw-search-hit-name">{p.name}</span>
                    <Tag>{placeTypeLabel(p.type)}</Tag>
                    {p.code ? <span className="gw-node-count">{p.code}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : (
          <LazyTreeView tree={tree} testId="place-tree" selectedId={selectedId} onSelect={select} titleOf={placeTitle} emptyText={t('places.noPlaces')} />
        )}
      </div>
    </Card>
  );

  const actions =
    place && canWrite ? (
      <Space wrap size={8}>
        <Tooltip title={childTypes.length === 0 ? t('places.noChildTypes', { type: placeTypeLabel(place.type) }) : undefined}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={childTypes.length === 0}
            onClick={() => setDialog('create')}
            data-testid="place-add-child"
          >
            {t('places.addChild')}
          </Button>
        </Tooltip>
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="place-edit">
          {t('common.edit')}
        </Button>
        <Button icon={<DragOutlined />} onClick={() => setDialog('move')} disabled={place.type === 'district'} data-testid="place-move">
          {t('places.move')}
        </Button>
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={() => confirmDelete(place)}
          disabled={place.type === 'district'}
          loading={deletePlace.isPending}
          data-testid="place-delete"
        >
          {t('common.delete')}
        </Button>
      </Space>
    ) : null;

  const detailCard = (
    <Card
      data-testid="place-detail"
      title={
        place ? (
          <Space size={8}>
            <Tag color="red">{placeTypeLabel(place.type)}</Tag>
            <span data-testid="place-detail-name">{place.name}</span>
          </Space>
        ) : (
          t('places.detailTitle')
        )
      }
      loading={Boolean(selectedId) && detail.isPending}
    >
      {!selectedId || (!place && !detail.isPending) ? (
        <Empty description={detail.isError ? t('places.notFound') : t('places.selectHint')} />
      ) : place ? (
        <>
          {actions ? <div style={{ marginBottom: 16 }}>{actions}</div> : null}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'type', label: t('places.type'), children: placeTypeLabel(place.type) },
              { key: 'name', label: t('places.name'), children: place.name },
              {
                key: 'code',
                label: t('places.code'),
                children: place.code ? <Typography.Text copyable>{place.code}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>,
              },
              { key: 'childCount', label: t('places.childCount'), children: <span data-testid="place-child-count">{place.childCount}</span> },
              {
                key: 'path',
                label: t('places.path'),
                span: 'filled',
                children: (
                  <Tooltip title={<span className="gw-mono">{place.path}</span>}>
                    <span data-testid="place-path">{pathText}</span>
                  </Tooltip>
                ),
              },
              { key: 'sortOrder', label: t('places.sortOrder'), children: place.sortOrder },
              { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(place.updatedAt) },
              ...(place.type === 'grid'
                ? [
                    {
                      key: 'boundary',
                      label: t('places.boundary'),
                      children: place.boundary ? (
                        <Tag color="green">{t('places.boundarySet')}</Tag>
                      ) : (
                        <Tag>{t('places.boundaryUnset')}</Tag>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      ) : null}
    </Card>
  );

  const mapCard =
    place && showsMap ? (
      <Card title={t('places.mapTitle')} style={{ marginTop: 16 }} extra={<Typography.Text type="secondary">{t('places.mapHint')}</Typography.Text>}>
        {boundaries.isPending ? (
          <Spin style={{ display: 'block', padding: 24 }} />
        ) : boundaries.data ? (
          <GridBoundaryMap
            collection={boundaries.data}
            selectedId={place.type === 'grid' ? place.id : null}
            onSelect={(id) => {
              if (id !== place.id) void reveal(id);
            }}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('places.noBoundaries')} />
        )}
      </Card>
    ) : null;

  return (
    <div data-testid="places-page">
      <PageHeader title={t('nav.places')} description={t('places.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          {treeCard}
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {detailCard}
          {mapCard}
        </Col>
      </Row>
      {place && (dialog === 'create' || dialog === 'edit') ? (
        <PlaceFormModal
          open
          mode={dialog === 'create' ? { kind: 'create', parent: place } : { kind: 'edit', place }}
          submitting={createPlace.isPending || updatePlace.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={onSubmitForm}
        />
      ) : null}
      {place && dialog === 'move' ? (
        <MovePlaceModal
          open
          place={place}
          submitting={updatePlace.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(parentId) => updatePlace.mutate({ id: place.id, body: { parentId } })}
        />
      ) : null}
    </div>
  );
}
