import { DotLoading } from 'antd-mobile';
import { useI18n } from '../../i18n';

export function Loading({ full = false }: { full?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={full ? 'h5-loading h5-loading-full' : 'h5-loading'} data-testid="h5-loading">
      <DotLoading color="primary" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
