import '../events/service-h5.css';
import { Button, ErrorBlock, List, Toast } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { StudyMaterial } from '@gridwork/contracts';
import { isApiError } from '../../../api/client';
import { learningApi } from '../../../api/learning-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { useIdempotencyKey } from '../../components/use-idempotency-key';

/** One study material: read it, open its links and attachments, then mark it studied (once). */
export function LearningMaterialPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['learning', 'h5', 'material', id], queryFn: () => learningApi.material(id), enabled: Boolean(id), meta: { silent: true } });
  const notFound = isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 403);
  return (
    <SubPage title={t('h5l.materialTitle')} fallback="/party/learning" testId="h5-learning-material-page">
      {detail.isPending ? (
        <Loading />
      ) : notFound ? (
        <ErrorBlock status="empty" title={t('h5l.materialNotFound')} description="" />
      ) : detail.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(detail.error)} />
      ) : (
        <MaterialView material={detail.data} />
      )}
    </SubPage>
  );
}

function MaterialView({ material: m }: { material: StudyMaterial }) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const { key, afterError } = useIdempotencyKey();
  const mark = useMutation({
    meta: { silent: true },
    mutationFn: () => learningApi.recordStudy(m.id, { mode: 'self' }, key),
    onSuccess: (record) => {
      Toast.show({ icon: 'success', content: t('h5l.marked', { n: record.points }) });
      void queryClient.invalidateQueries({ queryKey: ['learning'] });
    },
    onError: (e) => {
      afterError(e);
      Toast.show({ icon: 'fail', content: errorText(e) });
    },
  });
  return (
    <div data-material-id={m.id}>
      <section className="h5s-head">
        <div className="h5s-head-title" data-testid="h5-learning-material-title">
          {m.title}
        </div>
        <div className="h5s-meta-inline">
          {m.orgs.map((o) => o.name).join('、')} · {t('h5l.pointsValue', { n: m.studyPoints })}
        </div>
      </section>
      <List mode="card">
        <List.Item>
          <div className="h5s-prewrap" data-testid="h5-learning-material-body">
            {m.body}
          </div>
        </List.Item>
      </List>
      {m.links.length > 0 ? (
        <List mode="card" header={<span className="h5-section-title">{t('h5l.links')}</span>}>
          {m.links.map((l) => (
            <List.Item key={l.url} onClick={() => window.open(l.url, '_blank', 'noopener,noreferrer')}>
              {l.title}
            </List.Item>
          ))}
        </List>
      ) : null}
      {m.attachments.length > 0 ? (
        <List mode="card" header={<span className="h5-section-title">{t('h5l.attachments')}</span>}>
          {m.attachments.map((a) => (
            <List.Item key={a.id} onClick={() => window.open(learningApi.attachmentUrl(m.id, a.id), '_blank', 'noopener')}>
              {a.fileName}
            </List.Item>
          ))}
        </List>
      ) : null}
      <div className="h5-actions" style={{ padding: 12 }}>
        {m.myStudy ? (
          <Button block disabled data-testid="h5-learning-studied">
            {t(m.myStudy.mode === 'delivered' ? 'h5l.deliveredOn' : 'h5l.studiedOn', { when: formatDateTime(m.myStudy.studiedAt) })}
          </Button>
        ) : (
          <Button block color="primary" loading={mark.isPending} onClick={() => mark.mutate()} data-testid="h5-learning-mark">
            {t('h5l.markStudied')}
          </Button>
        )}
      </div>
    </div>
  );
}
