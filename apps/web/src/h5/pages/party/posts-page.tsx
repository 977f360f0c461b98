import '../events/service-h5.css';
import { useState } from 'react';
import { Button, Card, Dialog, ErrorBlock, Tabs, Tag, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ServicePost, ServicePostClaim } from '@gridwork/contracts';
import { servicePostsApi } from '../../../api/enrolments-endpoints';
import { newIdempotencyKey } from '../../../api/requests-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { HOURS_STATUS_COLORS, POST_KIND_COLORS } from './party-h5-labels';
import { LogHoursPopup } from './posts-log-hours';

const POSTS_KEY = ['service-posts'] as const;

/** 服务岗位: open posts of the member's community with places left, and the member's claims with hours and points. */
export function PostsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mine' ? 'mine' : 'open';
  return (
    <SubPage title={t('h5party.postsTitle')} fallback="/party" testId="h5-party-posts-page">
      <Tabs activeKey={tab} onChange={(key) => setParams(key === 'mine' ? { tab: 'mine' } : {}, { replace: true })}>
        <Tabs.Tab title={t('h5party.tabOpen')} key="open">
          <OpenPosts />
        </Tabs.Tab>
        <Tabs.Tab title={<span data-testid="h5-posts-tab-mine">{t('h5party.tabMine')}</span>} key="mine">
          <MyClaims />
        </Tabs.Tab>
      </Tabs>
    </SubPage>
  );
}

function OpenPosts() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  const posts = useQuery({ queryKey: [...POSTS_KEY, 'available'], queryFn: () => servicePostsApi.list({ status: 'open', available: 'true', limit: 100 }) });
  const claim = useMutation({
    mutationFn: (post: ServicePost) => servicePostsApi.claim(post.id, newIdempotencyKey()),
    meta: { silent: true },
    onSuccess: async (c) => {
      Toast.show({ icon: 'success', content: t('h5party.claimed', { title: c.postTitle }) });
      await queryClient.invalidateQueries({ queryKey: POSTS_KEY });
      setParams({ tab: 'mine' }, { replace: true });
    },
    onError: (error) => {
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
      void queryClient.invalidateQueries({ queryKey: POSTS_KEY });
    },
  });
  const ask = async (post: ServicePost) => {
    const ok = await Dialog.confirm({ content: t('h5party.claimConfirm', { title: post.title, start: post.startsOn, end: post.endsOn }), confirmText: t('h5party.claim'), cancelText: t('common.cancel') });
    if (ok) claim.mutate(post);
  };

  if (posts.isPending) return <Loading />;
  if (posts.isError) return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(posts.error)} />;
  if (posts.data.items.length === 0) return <ErrorBlock status="empty" title={t('h5party.noOpenPosts')} description={t('h5party.noOpenPostsHint')} />;
  return (
    <div style={{ padding: '0 12px 16px' }} data-testid="h5-open-posts">
      {posts.data.items.map((p) => (
        <Card key={p.id} style={{ marginTop: 12 }} data-testid="h5-post" data-post-id={p.id}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <strong style={{ fontSize: 16 }}>{p.title}</strong>
            <Tag color={POST_KIND_COLORS[p.kind]}>{t(`posts.kind.${p.kind}`)}</Tag>
          </div>
          <div className="h5s-meta-inline" style={{ marginTop: 6 }}>
            {p.placeName} · {p.startsOn} ~ {p.endsOn}
          </div>
          {p.description ? <p style={{ margin: '8px 0', color: '#4e5969' }}>{p.description}</p> : null}
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}>
            <span data-testid="h5-post-remaining">{t('h5party.remaining', { n: p.remaining, capacity: p.capacity })}</span>
            {p.myClaimId ? (
              <Tag color="success">{t('h5party.alreadyClaimed')}</Tag>
            ) : (
              <Button size="small" color="primary" loading={claim.isPending && claim.variables?.id === p.id} onClick={() => void ask(p)} data-testid="h5-post-claim">
                {t('h5party.claim')}
              </Button>
            )}
          </div>
        </Card>
      ))}
    </div>
  );
}

function MyClaims() {
  const { t } = useI18n();
  const claims = useQuery({ queryKey: [...POSTS_KEY, 'mine'], queryFn: servicePostsApi.myClaims });
  const [logging, setLogging] = useState<ServicePostClaim | null>(null);
  if (claims.isPending) return <Loading />;
  if (claims.isError) return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(claims.error)} />;
  if (claims.data.length === 0) return <ErrorBlock status="empty" title={t('h5party.noClaims')} description={t('h5party.noClaimsHint')} />;
  const total = claims.data.reduce((n, c) => n + c.points, 0);
  return (
    <div style={{ padding: '0 12px 16px' }} data-testid="h5-my-claims">
      <div className="h5s-meta-inline" style={{ marginTop: 12 }} data-testid="h5-claims-total">
        {t('h5party.claimsTotal', { n: claims.data.length, points: Math.round(total * 10) / 10 })}
      </div>
      {claims.data.map((c) => (
        <Card key={c.id} style={{ marginTop: 12 }} data-testid="h5-claim" data-claim-id={c.id}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <strong style={{ fontSize: 16 }}>{c.postTitle}</strong>
            {c.points > 0 ? (
              <strong style={{ color: '#c8102e' }} data-testid="h5-claim-points">
                {t('h5party.pointsPlus', { points: c.points })}
              </strong>
            ) : null}
          </div>
          <div className="h5s-meta-inline" style={{ marginTop: 6 }}>
            {t('h5party.hoursSummary', { logged: c.hoursLogged, confirmed: c.hoursConfirmed })}
          </div>
          {c.hours.map((h) => (
            <div key={h.id} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '6px 0', borderTop: '1px solid #f0f0f0', marginTop: 6 }} data-testid="h5-hours" data-status={h.status}>
              <span>
                {t('posts.hoursLine', { date: h.servedOn, hours: h.hours })}
                {h.rejectReason ? <span style={{ color: '#8a919f' }}> · {h.rejectReason}</span> : null}
              </span>
              <span>
                <Tag color={HOURS_STATUS_COLORS[h.status]}>{t(`posts.hours.status.${h.status}`)}</Tag>
                {h.status === 'confirmed' && h.points > 0 ? <strong style={{ color: '#c8102e', marginLeft: 6 }}>{t('h5party.pointsPlus', { points: h.points })}</strong> : null}
              </span>
            </div>
          ))}
          <Button block size="small" fill="outline" color="primary" style={{ marginTop: 10 }} onClick={() => setLogging(c)} data-testid="h5-claim-log-hours">
            {t('h5party.logHours')}
          </Button>
        </Card>
      ))}
      <LogHoursPopup claim={logging} onClose={() => setLogging(null)} />
    </div>
  );
}
