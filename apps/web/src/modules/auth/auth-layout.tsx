import type { ReactNode } from 'react';
import { Card } from 'antd';
import { BrandLogo } from '../../admin/components/brand-logo';
import { LocaleSwitch } from '../../admin/components/locale-switch';
import { useI18n } from '../../i18n';

/** The frame of the sign-in pages: brand on top, one card in the middle. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="gw-auth">
      <div className="gw-auth-top">
        <LocaleSwitch />
      </div>
      <main className="gw-auth-main">
        <Card className={wide ? 'gw-auth-card is-wide' : 'gw-auth-card'} variant="borderless">
          <div className="gw-auth-brand">
            <BrandLogo size={52} />
            <h1>{t('app.name')}</h1>
            <p>{t('app.tagline')}</p>
          </div>
          {children}
        </Card>
      </main>
      <footer className="gw-auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
