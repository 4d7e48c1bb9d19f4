import { Button, List, Tag, Typography } from 'antd';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

type NotificationPage = components['schemas']['NotificationList'];
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';
import { notificationHref, notificationText } from '../shell/live';
import { cameFrom } from '../lib/back';
import { LoadMore } from '../components/LoadMore';

const PAGE = 50;

/**
 * The user's notifications, newest first: an unread one stands out (bold, "Baru") from those already
 * read — opening the letter it is about reads it —, older ones come with "Muat lebih banyak" (keyset).
 */
export function NotificationsPage() {
  const qc = useQueryClient();
  const q = useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap<NotificationPage>(api.GET('/api/notifications', { params: { query: { limit: PAGE, before: pageParam } } })),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/notifications/read-all')),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = q.data?.pages[0]?.unreadCount ?? 0;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        Notifikasi
      </Typography.Title>
      {q.error && <ErrorAlert error={q.error} retry={() => void q.refetch()} />}
      {readAll.error && <ErrorAlert error={readAll.error} title="Gagal menandai dibaca" />}
      {q.data && (
        <Typography.Paragraph className="muted" aria-live="polite">
          {unread > 0 ? `${unread} belum dibaca.` : items.length ? 'Semua notifikasi sudah dibaca.' : null}
        </Typography.Paragraph>
      )}
      {unread > 0 && (
        <Button onClick={() => readAll.mutate()} loading={readAll.isPending} style={{ marginBottom: 12 }}>
          Tandai semua dibaca ({unread})
        </Button>
      )}
      <List
        loading={q.isPending}
        dataSource={items}
        locale={{ emptyText: 'Belum ada notifikasi. Pemberitahuan tentang naskah yang perlu Anda tangani akan muncul di sini.' }}
        renderItem={(n) => {
          const href = notificationHref(n);
          const text = notificationText(n);
          const fresh = !n.readAt;
          const content = (
            <>
              {fresh && <span className="sr-only-text">Belum dibaca: </span>}
              {text}
            </>
          );
          return (
            <List.Item className={fresh ? 'notification-unread' : 'notification-read'}>
              <List.Item.Meta
                title={
                  <>
                    {href.startsWith('/lama/') ? (
                      <a href={href} className="notification-link">
                        {content}
                      </a>
                    ) : (
                      <Link to={href} state={cameFrom('/notifikasi', 'Notifikasi')} className="notification-link">
                        {content}
                      </Link>
                    )}
                    {fresh && (
                      <Tag color="red" style={{ marginInlineStart: 8 }} aria-hidden>
                        Baru
                      </Tag>
                    )}
                  </>
                }
                description={dateTime(n.createdAt)}
              />
            </List.Item>
          );
        }}
      />
      <LoadMore q={q} />
    </>
  );
}
