import { BrandLogo } from '../../admin/components/brand-logo';
import { useI18n } from '../../i18n';

export function BrandHeader() {
  const { t } = useI18n();
  return (
    <div className="h5-brand">
      <BrandLogo size={56} />
      <h1>{t('app.name')}</h1>
      <p>{t('app.tagline')}</p>
    </div>
  );
}
