import type { ReactNode } from 'react';
import { Empty, Space, Typography } from 'antd';

/** What an empty list says: why it is empty and, when the viewer can change that, what to do. */
export function TableEmpty({ text, hint }: { text: ReactNode; hint?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text>{text}</Typography.Text>
          {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
        </Space>
      }
    />
  );
}
