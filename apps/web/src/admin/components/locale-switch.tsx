import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';

/** Toggles between 中文 and English; the label names the language you switch to. */
export function LocaleSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Tooltip title={t('locale.switchTooltip')}>
      <Button
        type="text"
        icon={<TranslationOutlined />}
        onClick={() => setLocale(next)}
        data-testid="locale-switch"
        aria-label={t('locale.switchTooltip')}
      >
        {compact ? (next === 'en-US' ? 'EN' : '中') : next === 'en-US' ? 'English' : '中文'}
      </Button>
    </Tooltip>
  );
}
