import { useState } from 'react';
import { Badge, Button, Empty, Popover, Spin, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { notificationsApi } from '../../api/requests-endpoints';
import type { Notification } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { reportError } from '../../shared/feedback';

const UNREAD_KEY = ['notifications', 'unread'] as const;
const REFRESH_MS = 60_000;
const LIST_SIZE = 20;

const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
  ['week', 7 * 24 * 60 * 60],
];

/** "3 分钟前" / "3 minutes ago": the largest unit that fits; under a minute says just now. */
function relativeTime(iso: string, locale: string, justNow: string): string {
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  if (Math.abs(seconds) < 60) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  let unit: Intl.RelativeTimeFormatUnit = 'minute';
  let size = 60;
  for (const [u, s] of STEPS) if (Math.abs(seconds) >= s) [unit, size] = [u, s];
  return format.format(Math.round(seconds / size), unit);
}

/** 站内通知 in the header: the unread count on a bell, the newest unread ones in a popover. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  // The app turns focus refetching off globally; the bell wants it, so a returning user sees what arrived meanwhile.
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => notificationsApi.list({ unread: true, limit: LIST_SIZE }),
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: UNREAD_KEY }),
  });

  const items = unread.data?.items ?? [];
  // `total` is the unread count across all pages; the page alone caps at LIST_SIZE.
  const count = unread.data?.total ?? items.length;

  const onClick = async (item: Notification) => {
    setOpen(false);
    try {
      await markRead.mutateAsync(item.id);
    } catch (error) {
      reportError(error);
    }
    if (item.link) navigate(item.link);
  };

  const content = (
    <div style={{ width: 320, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {unread.isPending ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : unread.isError ? (
        <Typography.Text type="danger">{t('notif.loadFailed')}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.empty')} data-testid="notification-empty" />
      ) : (
        items.map((item) => (
          <div
            key={item.id}
            role="button"
            tabIndex={0}
            onClick={() => void onClick(item)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                void onClick(item);
              }
            }}
            style={{ padding: '8px 4px', cursor: 'pointer', borderBottom: '1px solid rgba(0, 0, 0, 0.06)' }}
            data-testid="notification-item"
          >
            <Typography.Text strong>{item.title}</Typography.Text>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 2 }}>
              {item.body}
            </Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {relativeTime(item.createdAt, locale, t('notif.justNow'))}
            </Typography.Text>
          </div>
        ))
      )}
    </div>
  );

  return (
    <Popover content={content} title={t('notif.title')} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Tooltip title={t('notif.open', { n: count })}>
        <Button type="text" aria-label={t('notif.open', { n: count })} data-testid="notification-bell">
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
