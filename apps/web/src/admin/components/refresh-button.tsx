import { Button, Tooltip, type ButtonProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';

/** The reload button beside a list's filters or a card's title: an icon, named for screen readers and on hover. */
export function RefreshButton({ onRefresh, size, type }: { onRefresh: () => void; size?: ButtonProps['size']; type?: ButtonProps['type'] }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t('common.refresh')}>
      <Button type={type} size={size} icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={onRefresh} />
    </Tooltip>
  );
}
