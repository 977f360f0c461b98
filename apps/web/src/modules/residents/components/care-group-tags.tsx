import { Space, Tag, Tooltip } from 'antd';
import type { CareGroupType } from '../../../api/types';
import { careGroupColor } from '../care-colors';
import { useCareGroupName } from '../queries';

export { careGroupColor, useCareGroupName };

export function CareGroupTags({
  codes,
  types,
  max,
}: {
  codes: readonly string[];
  types: readonly CareGroupType[] | undefined;
  /** Show at most this many, with a "+n" tag for the rest. */
  max?: number;
}) {
  const nameOf = useCareGroupName(types);
  if (codes.length === 0) return <span className="gw-muted">—</span>;
  const shown = max !== undefined ? codes.slice(0, max) : codes;
  const rest = codes.slice(shown.length);
  return (
    <Space size={[2, 4]} wrap data-testid="care-group-tags">
      {shown.map((code) => (
        <Tag key={code} color={careGroupColor(code)} data-care-group={code}>
          {nameOf(code)}
        </Tag>
      ))}
      {rest.length > 0 ? (
        <Tooltip title={rest.map(nameOf).join(' · ')}>
          <Tag>+{rest.length}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
