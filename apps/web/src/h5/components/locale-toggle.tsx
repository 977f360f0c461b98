import { useI18n } from '../../i18n';

/** A small text button: 中文 ⇄ English. */
export function LocaleToggle({ className }: { className?: string }) {
  const { locale, setLocale } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <button type="button" className={className ?? 'h5-locale'} onClick={() => setLocale(next)} data-testid="locale-switch">
      {next === 'en-US' ? 'English' : '中文'}
    </button>
  );
}
