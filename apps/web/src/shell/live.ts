import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { components } from '../api/schema';

type NotificationView = components['schemas']['NotificationView'];
import { letterKey } from '../letter/api';

/**
 * The live notification stream. EventSource cannot send an Authorization header and tokens never
 * go into URLs: each connection first gets a single-use ticket (POST /api/notifications/stream-ticket)
 * and opens ?ticket=…; after a drop it reconnects with a new ticket and ?lastEventId=, so what was
 * missed meanwhile comes first. Every event refreshes the unread count, the lists it touches and the
 * letter it is about.
 */
export function useLiveNotifications(enabled: boolean, onEvent: (n: NotificationView) => void): void {
  const qc = useQueryClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = 2000;
    let lastId = '';

    const retry = () => {
      clearTimeout(timer);
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    async function connect() {
      if (stopped) return;
      let ticket: string;
      try {
        ({ ticket } = await unwrap<components['schemas']['StreamTicketDto']>(api.POST('/api/notifications/stream-ticket')));
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return; // signed out: the guard takes over
        retry();
        return;
      }
      if (stopped) return;
      const qs = new URLSearchParams({ ticket });
      if (lastId) qs.set('lastEventId', lastId);
      const es = new EventSource(`/api/notifications/stream?${qs}`);
      source = es;
      es.addEventListener('ready', (e) => {
        retryMs = 2000;
        try {
          const { unreadCount } = JSON.parse((e as MessageEvent).data) as { unreadCount: number };
          qc.setQueryData(['notifications', 'unread'], unreadCount);
        } catch {
          /* keep the count */
        }
      });
      es.addEventListener('notification', (e) => {
        const ev = e as MessageEvent;
        if (ev.lastEventId) lastId = ev.lastEventId;
        let n: NotificationView;
        try {
          n = JSON.parse(ev.data) as NotificationView;
        } catch {
          return;
        }
        void qc.invalidateQueries({ queryKey: ['notifications'] });
        void qc.invalidateQueries({ queryKey: ['inbox'] });
        void qc.invalidateQueries({ queryKey: ['counters'] });
        void qc.invalidateQueries({ queryKey: ['worklist'] });
        void qc.invalidateQueries({ queryKey: ['outbox'] });
        // the letter it is about changed (returned, approved, signed, sent…): its page must not show the old state
        if (n.payload?.letterId) void qc.invalidateQueries({ queryKey: letterKey(String(n.payload.letterId)) });
        handler.current(n);
      });
      es.onerror = () => {
        es.close(); // the browser would retry with the spent ticket: reconnect with a new one
        if (source !== es || stopped) return;
        source = null;
        retry();
      };
    }
    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, qc]);
}

/** Where a notification leads in this app (older screens for what part 1 has not rebuilt). */
export function notificationHref(n: NotificationView): string {
  const p = n.payload ?? {};
  if (p.deliveryId) return `/naskah-masuk/${p.deliveryId}`;
  if (p.dispositionId) return `/lama/#/disposisi/${p.dispositionId}`;
  if (p.letterId) return `/naskah/${p.letterId}`;
  return '/notifikasi';
}

export function notificationText(n: NotificationView): string {
  const p = n.payload ?? {};
  return String(p.title ?? p.message ?? 'Notifikasi baru');
}
