import { Button, List, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

type NotificationPage = components['schemas']['NotificationList'];
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';
import { notificationHref, notificationText } from '../shell/live';
import { cameFrom } from '../lib/back';

export function NotificationsPage() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => unwrap<NotificationPage>(api.GET('/api/notifications', { params: { query: { limit: 50 } } })) });
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/notifications/read-all')),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        Notifikasi
      </Typography.Title>
      {q.error && <ErrorAlert error={q.error} retry={() => void q.refetch()} />}
      {readAll.error && <ErrorAlert error={readAll.error} title="Gagal menandai dibaca" />}
      {(q.data?.unreadCount ?? 0) > 0 && (
        <Button onClick={() => readAll.mutate()} loading={readAll.isPending} style={{ marginBottom: 12 }}>
          Tandai semua dibaca ({q.data!.unreadCount})
        </Button>
      )}
      <List
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: 'Belum ada notifikasi.' }}
        renderItem={(n) => {
          const href = notificationHref(n);
          const text = notificationText(n);
          return (
            <List.Item>
              <List.Item.Meta
                title={href.startsWith('/lama/') ? <a href={href}>{text}</a> : <Link to={href} state={cameFrom('/notifikasi', 'Notifikasi')}>{n.readAt ? text : <strong>{text}</strong>}</Link>}
                description={dateTime(n.createdAt)}
              />
            </List.Item>
          );
        }}
      />
    </>
  );
}
