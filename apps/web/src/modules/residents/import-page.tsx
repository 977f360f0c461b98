import './residents.css';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Progress, Radio, Result, Space, Statistic, Steps, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { residentImportsApi } from '../../api/endpoints';
import type { ImportJob, ImportMode } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText, reportError } from '../../shared/feedback';
import { PageHeader } from '../../admin/components/page-header';
import { IMPORT_STATUS_KEYS } from './labels';

/** What the server accepts (see the template's notes): one .xlsx of at most 50 MB / 200,000 rows. */
const MAX_BYTES = 50 * 1024 * 1024;
const MAX_MB = 50;
const MAX_ROWS = 200_000;

const finished = (job: ImportJob | undefined) => job?.status === 'done' || job?.status === 'failed';

function ImportProgress({ jobId, onRestart }: { jobId: string; onRestart: () => void }) {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState(false);
  const job = useQuery({
    queryKey: ['residents', 'import', jobId],
    queryFn: () => residentImportsApi.get(jobId),
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
    staleTime: 0,
  });
  const j = job.data;
  if (job.isError) {
    return <Result status="error" title={t('res.import.jobMissing')} subTitle={errorText(job.error)} extra={<Button onClick={onRestart}>{t('res.import.again')}</Button>} />;
  }
  const percent = j && j.total > 0 ? Math.min(100, Math.floor((j.processed / j.total) * 100)) : 0;
  const status = j?.status === 'failed' ? 'exception' : j?.status === 'done' ? (j.failed > 0 ? 'normal' : 'success') : 'active';

  const downloadErrors = async () => {
    setDownloading(true);
    try {
      await residentImportsApi.downloadErrors(jobId);
    } catch (error) {
      reportError(error);
    } finally {
      setDownloading(false);
    }
  };

  const counts = (
    <Space size={40} wrap className="gw-import-counts">
      <Statistic title={t('res.import.processed')} value={j?.processed ?? 0} suffix={j?.total ? `/ ${j.total}` : undefined} />
      <Statistic title={t('res.import.created')} value={j?.created ?? 0} styles={{ content: { color: '#389e0d' } }} />
      <Statistic title={t('res.import.updated')} value={j?.updated ?? 0} styles={{ content: { color: '#1677ff' } }} />
      <Statistic title={t('res.import.failed')} value={j?.failed ?? 0} styles={{ content: { color: j?.failed ? '#cf1322' : undefined } }} />
    </Space>
  );

  return (
    <div>
      <div data-testid="import-progress" data-status={j?.status ?? 'queued'}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'file', label: t('res.import.file'), children: j?.fileName ?? '—' },
            { key: 'status', label: t('res.import.status'), children: j ? t(IMPORT_STATUS_KEYS[j.status]) : t('common.loading') },
            { key: 'started', label: t('res.import.startedAt'), children: formatDateTime(j?.createdAt) },
          ]}
        />
        <Progress percent={percent} status={status} className="gw-import-bar" />
        {counts}
      </div>
      {finished(j) && j ? (
        <div data-testid="import-result" data-status={j.status}>
          <Result
            status={j.status === 'failed' ? 'error' : j.failed > 0 ? 'warning' : 'success'}
            title={
              j.status === 'failed'
                ? t('res.import.resultFailed')
                : j.failed > 0
                  ? t('res.import.resultPartial', { created: j.created, updated: j.updated, failed: j.failed })
                  : t('res.import.resultOk', { created: j.created, updated: j.updated })
            }
            subTitle={
              j.message ??
              (j.status === 'failed' && j.mode === 'all-or-nothing' ? t('res.import.nothingWritten') : j.failed > 0 ? t('res.import.errorsHint') : undefined)
            }
            extra={
              <Space wrap>
                {j.failed > 0 ? (
                  <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={() => void downloadErrors()} data-testid="import-errors-download">
                    {t('res.import.downloadErrors')}
                  </Button>
                ) : null}
                <Button icon={<ReloadOutlined />} onClick={onRestart} data-testid="import-again">
                  {t('res.import.again')}
                </Button>
                <Button onClick={() => navigate('/residents')}>{t('res.import.toList')}</Button>
              </Space>
            }
          />
        </div>
      ) : null}
    </div>
  );
}

/** 批量导入: template → upload and mode → progress and the per-row error report. */
export function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [templateLoading, setTemplateLoading] = useState(false);
  const [templateDone, setTemplateDone] = useState(false);

  const start = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return residentImportsApi.start(file, mode);
    },
    onSuccess: (res) => {
      setParams({ job: res.id }, { replace: false });
      setFile(null);
    },
  });

  const downloadTemplate = async () => {
    setTemplateLoading(true);
    try {
      await residentImportsApi.downloadTemplate();
      setTemplateDone(true);
    } catch (error) {
      reportError(error);
    } finally {
      setTemplateLoading(false);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : [];
  const current = jobId ? 2 : file ? 1 : templateDone ? 1 : 0;

  return (
    <div data-testid="import-page">
      <PageHeader title={t('nav.residentImport')} description={t('res.import.description')} />
      <Card>
        <Steps
          current={current}
          className="gw-import-steps"
          items={[
            { title: t('res.import.step1'), content: t('res.import.step1Hint') },
            { title: t('res.import.step2'), content: t('res.import.step2Hint') },
            { title: t('res.import.step3'), content: t('res.import.step3Hint') },
          ]}
        />
        {jobId ? (
          <ImportProgress
            jobId={jobId}
            onRestart={() => {
              setParams({}, { replace: false });
              start.reset();
            }}
          />
        ) : (
          <div className="gw-import-body">
            <section className="gw-import-section">
              <Typography.Title level={5}>{t('res.import.step1')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('res.import.templateHelp')}</Typography.Paragraph>
              <Button icon={<FileExcelOutlined />} loading={templateLoading} onClick={() => void downloadTemplate()} data-testid="import-template">
                {t('res.import.downloadTemplate')}
              </Button>
            </section>
            <section className="gw-import-section">
              <Typography.Title level={5}>{t('res.import.step2')}</Typography.Title>
              <div data-testid="import-upload">
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  multiple={false}
                  maxCount={1}
                  fileList={fileList}
                  beforeUpload={(f) => {
                    if (!/\.xlsx$/i.test(f.name)) {
                      void message.error(t('res.import.onlyXlsx'));
                      return Upload.LIST_IGNORE;
                    }
                    if (f.size > MAX_BYTES) {
                      void message.error(t('res.import.tooBig', { mb: MAX_MB }));
                      return Upload.LIST_IGNORE;
                    }
                    setFile(f);
                    return false;
                  }}
                  onRemove={() => {
                    setFile(null);
                    return true;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('res.import.dropHere')}</p>
                  <p className="ant-upload-hint">{t('res.import.sizeHint', { mb: MAX_MB, rows: MAX_ROWS.toLocaleString() })}</p>
                </Upload.Dragger>
              </div>
              <div className="gw-import-mode">
                <Typography.Text strong>{t('res.import.mode')}</Typography.Text>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="import-mode">
                  <Space orientation="vertical">
                    <Radio value="all-or-nothing" data-testid="import-mode-all">
                      {t('res.import.modeAll')}
                      <Typography.Text type="secondary" className="gw-radio-hint">
                        {t('res.import.modeAllHint')}
                      </Typography.Text>
                    </Radio>
                    <Radio value="skip-invalid" data-testid="import-mode-skip">
                      {t('res.import.modeSkip')}
                      <Typography.Text type="secondary" className="gw-radio-hint">
                        {t('res.import.modeSkipHint')}
                      </Typography.Text>
                    </Radio>
                  </Space>
                </Radio.Group>
              </div>
              <Alert type="info" showIcon className="gw-form-alert" title={t('res.import.duplicatesHint')} />
              <Button
                type="primary"
                size="large"
                icon={<CloudUploadOutlined />}
                disabled={!file}
                loading={start.isPending}
                onClick={() => start.mutate()}
                data-testid="import-start"
              >
                {t('res.import.start')}
              </Button>
            </section>
          </div>
        )}
      </Card>
    </div>
  );
}
