import { Spin } from 'antd';
import { useI18n } from '../../i18n';

export function PageLoading({ fullscreen = false }: { fullscreen?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={fullscreen ? 'gw-loading gw-loading-full' : 'gw-loading'} data-testid="page-loading">
      <Spin description={t('common.loading')} size="large">
        <div style={{ minHeight: 48, minWidth: 120 }} />
      </Spin>
    </div>
  );
}
