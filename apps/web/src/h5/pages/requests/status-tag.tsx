import { Tag } from 'antd-mobile';
import type { RequestStatus } from '../../../api/requests-types';
import { STATUS_COLORS, useRequestLabels } from './request-labels';

export function StatusTag({ status, large = false }: { status: RequestStatus; large?: boolean }) {
  const labels = useRequestLabels();
  return (
    <Tag color={STATUS_COLORS[status]} className={large ? 'h5r-tag-large' : undefined} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}
