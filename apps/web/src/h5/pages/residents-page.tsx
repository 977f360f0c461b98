import './residents-h5.css';
import { useEffect, useState } from 'react';
import { ErrorBlock, InfiniteScroll, List, SearchBar, Space, Tag } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { residentsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { careGroupHex } from '../../modules/residents/care-colors';
import { GENDER_KEYS } from '../../modules/residents/labels';
import { useCareGroupName, useCareGroupTypes } from '../../modules/residents/queries';
import { Loading } from '../components/loading';

const PAGE = 30;

/** 居民 tab: the residents of the worker's grid(s), searchable by name, pinyin initials or phone. */
export function ResidentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const careTypes = useCareGroupTypes();
  const careName = useCareGroupName(careTypes.data);
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(input.trim()), 350);
    return () => window.clearTimeout(timer);
  }, [input]);
  const isPhone = /^\d{4,11}$/.test(q);
  const list = useInfiniteQuery({
    queryKey: ['residents', 'h5', q],
    queryFn: ({ pageParam }) =>
      residentsApi.list({ ...(isPhone ? { phone: q } : q ? { q } : {}), status: 'active', sort: 'name', order: 'asc', limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <div data-testid="h5-residents">
      <div className="h5-search">
        <SearchBar
          placeholder={t('res.h5Search')}
          value={input}
          onChange={setInput}
          onClear={() => setInput('')}
          data-testid="h5-resident-search"
        />
        {typeof total === 'number' ? <div className="h5-search-count">{t('res.h5Count', { count: total })}</div> : null}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />
      ) : items.length === 0 ? (
        <ErrorBlock status="empty" title={q ? t('res.noMatch') : t('res.empty')} description="" />
      ) : (
        <>
          <List mode="card" data-testid="h5-resident-list">
            {items.map((r) => (
              <List.Item
                key={r.id}
                onClick={() => navigate(`/residents/${r.id}`)}
                description={
                  <div className="h5-resident-desc">
                    <span>{r.householdName ?? '—'}</span>
                    {r.careGroups.length > 0 ? (
                      <Space wrap style={{ '--gap': '4px' }}>
                        {r.careGroups.map((c) => (
                          <Tag key={c} color={careGroupHex(c)} fill="outline">
                            {careName(c)}
                          </Tag>
                        ))}
                      </Space>
                    ) : null}
                  </div>
                }
                extra={<span className="h5-mono">{r.phone ?? ''}</span>}
                data-resident-id={r.id}
              >
                <span className="h5-resident-name">{r.name}</span>
                <span className="h5-resident-meta">
                  {t(GENDER_KEYS[r.gender])} · {t('res.ageValue', { age: r.age })}
                </span>
              </List.Item>
            ))}
          </List>
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={Boolean(list.hasNextPage)} />
        </>
      )}
    </div>
  );
}
