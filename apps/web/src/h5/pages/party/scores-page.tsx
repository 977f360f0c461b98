import '../events/service-h5.css';
import { ErrorBlock, Grid, List, PullToRefresh, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { SCORE_DIMENSIONS, type ScoreEntry } from '@gridwork/contracts';
import { isApiError } from '../../../api/client';
import { memberScoresApi } from '../../../api/member-scores-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { dimensionKey, formatScoreDate, signedPoints, sourceKey } from '../../../modules/party/member-scores-shared';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';

/** 我的党员积分: this year's total, by dimension, my rank in my org, and every entry with its source (newest first). */
export function ScoresPage() {
  const { t } = useI18n();
  const mine = useQuery({ queryKey: ['member-scores', 'me', 'h5'], queryFn: () => memberScoresApi.mine(), meta: { silent: true } });
  const data = mine.data;

  return (
    <SubPage title={t('ms.h5Title')} fallback="/party" testId="h5-scores">
      {mine.isPending ? (
        <Loading />
      ) : mine.isError || !data ? (
        <ErrorBlock
          status="default"
          title={isApiError(mine.error) && mine.error.code === 'score_not_member' ? t('ms.h5NotMember') : t('ms.loadFailed')}
          description={isApiError(mine.error) && mine.error.code === 'score_not_member' ? undefined : errorText(mine.error)}
          data-testid="h5-scores-error"
        />
      ) : (
        <PullToRefresh onRefresh={async () => void (await mine.refetch())}>
          <section className="h5s-wallet" data-testid="h5-scores-summary" data-total={data.total} data-year={data.year}>
            <div className="h5s-wallet-balance" style={{ fontSize: 30 }} data-testid="h5-scores-total">
              {t('ms.totalLabel', { total: data.total })}
            </div>
            <div className="h5s-wallet-expiring" data-testid="h5-scores-rank">
              {data.rank !== null && data.orgName ? t('ms.rankInOrg', { org: data.orgName, rank: data.rank, count: data.rankOf }) : t('ms.noRank')}
            </div>
            <Grid columns={4} gap={8} style={{ marginTop: 16 }}>
              {SCORE_DIMENSIONS.map((d) => (
                <Grid.Item key={d} data-testid={`h5-scores-dimension-${d}`} style={{ textAlign: 'center' }}>
                  <div style={{ fontSize: 20, fontWeight: 700 }}>{data.dimensions[d]}</div>
                  <div style={{ fontSize: 12, opacity: 0.9 }}>{t(dimensionKey(d))}</div>
                </Grid.Item>
              ))}
            </Grid>
          </section>
          <List mode="card" className="h5s-entries" header={<span className="h5-section-title">{t('ms.entries')}</span>} data-testid="h5-scores-entries">
            {data.entries.length === 0 ? (
              <List.Item>
                <ErrorBlock status="empty" title={t('ms.entriesEmpty')} description={t('ms.h5Empty')} data-testid="h5-scores-empty" />
              </List.Item>
            ) : (
              data.entries.map((entry) => <EntryItem key={entry.id} entry={entry} />)
            )}
          </List>
        </PullToRefresh>
      )}
    </SubPage>
  );
}

function EntryItem({ entry: e }: { entry: ScoreEntry }) {
  const { t } = useI18n();
  const counted = e.status === 'approved';
  return (
    <List.Item
      data-testid="h5-scores-entry"
      data-entry-id={e.id}
      data-status={e.status}
      data-points={e.points}
      description={
        <div className="h5s-entry-desc">
          <span>{formatScoreDate(e.occurredAt)}</span>
          <span>{t(dimensionKey(e.dimension))}</span>
          <span>{e.itemName}</span>
        </div>
      }
      extra={
        <div className="h5s-entry-amount">
          <span className={`h5s-amount ${e.points > 0 ? 'h5s-amount-in' : 'h5s-amount-out'}`} style={counted ? undefined : { textDecoration: 'line-through', opacity: 0.6 }}>
            {signedPoints(e.points)}
          </span>
          {counted ? null : <span className="h5s-entry-after">{t(e.status === 'pending' ? 'ms.h5Pending' : 'ms.status.rejected')}</span>}
        </div>
      }
    >
      <div className="h5s-entry-title">
        <Tag color="danger" fill="outline">
          {t(sourceKey(e.sourceType))}
        </Tag>
        <span className="h5s-entry-reason">{e.reason}</span>
      </div>
    </List.Item>
  );
}
