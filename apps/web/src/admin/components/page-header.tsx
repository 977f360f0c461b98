import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Title row of a page: title, a line of description, actions on the right. */
export function PageHeader({ title, description, extra }: { title: ReactNode; description?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="gw-page-header">
      <div className="gw-page-header-text">
        <Typography.Title level={4} className="gw-page-title">
          {title}
        </Typography.Title>
        {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
      </div>
      {extra ? <div className="gw-page-header-extra">{extra}</div> : null}
    </div>
  );
}
