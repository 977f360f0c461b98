import { Tag } from 'antd';
import type { CouncilItemStatus } from '@gridwork/contracts';
import { useI18n } from '../../i18n';

const COLOURS: Readonly<Record<CouncilItemStatus, string>> = { proposed: 'gold', scheduled: 'blue', decided: 'green', withdrawn: 'default' };

export function CouncilStatusTag({ status }: { status: CouncilItemStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOURS[status]}>{t(`council.status.${status}`)}</Tag>;
}
