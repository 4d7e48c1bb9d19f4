import { Badge, Button, App } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

type NotificationPage = components['schemas']['NotificationList'];
import { useAuth } from '../auth/AuthContext';
import { notificationHref, notificationText, useLiveNotifications } from './live';

export function NotificationBell() {
  const { status } = useAuth();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () => (await unwrap<NotificationPage>(api.GET('/api/notifications', { params: { query: { limit: 1 } } }))).unreadCount,
    enabled: status === 'signed-in',
  });
  useLiveNotifications(status === 'signed-in', (n) => {
    notification.info({
      message: 'Notifikasi baru',
      description: notificationText(n),
      placement: 'bottomRight',
      onClick: () => {
        const href = notificationHref(n);
        if (href.startsWith('/lama/')) window.location.assign(href);
        else navigate(href);
      },
    });
  });
  const count = unread.data ?? 0;
  return (
    <Badge count={count} overflowCount={99} size="small" offset={[-6, 6]}>
      <Button
        type="text"
        shape="circle"
        icon={<BellOutlined aria-hidden style={{ fontSize: 20 }} />}
        aria-label={count ? `Notifikasi, ${count} belum dibaca` : 'Notifikasi, tidak ada yang belum dibaca'}
        onClick={() => navigate('/notifikasi')}
      />
    </Badge>
  );
}
