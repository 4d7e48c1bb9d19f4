import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, List, Skeleton, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { messageOf } from '../api/errors';
import { RECIPIENT_KIND, ROUTE_MODE } from '../labels';
import type { Recipient } from './content';

type Item = components['schemas']['RoutePreviewItemDto'];
const MODE_COLOR = { DIRECT: 'green', VIA_PARENT: 'gold', FORBIDDEN: 'red' } as const;

/**
 * The route of each addressee and copy from the drafter's office (POST /api/letters/route-preview),
 * asked again as the addressees change: direct, or through the parent office that forwards it.
 */
export function RoutePreview({ recipients, labelOf }: { recipients: Recipient[]; labelOf: (r: Recipient) => string }) {
  const [debounced, setDebounced] = useState(recipients);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(recipients), 300);
    return () => clearTimeout(t);
  }, [recipients]);
  const strip = ({ kind: _k, ...r }: Recipient) => r;
  const to = debounced.filter((r) => r.kind === 'TO');
  const cc = debounced.filter((r) => r.kind === 'CC');
  const preview = useQuery({
    queryKey: ['route-preview', JSON.stringify(debounced)],
    enabled: to.length > 0,
    queryFn: () => unwrap<Item[]>(api.POST('/api/letters/route-preview', { body: { to: to.map(strip), cc: cc.map(strip) } })),
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });
  const ordered = [...to, ...cc];

  return (
    <section aria-labelledby="pratinjau-rute" aria-live="polite" className="naskah-route">
      <Typography.Title level={3} id="pratinjau-rute" className="naskah-subtitle">
        Pratinjau rute
      </Typography.Title>
      {!to.length ? (
        <Typography.Text type="secondary">Tambahkan tujuan (Kepada) untuk melihat rutenya.</Typography.Text>
      ) : preview.isError ? (
        <Alert type="warning" showIcon title="Pratinjau rute belum dapat dimuat" description={messageOf(preview.error)} />
      ) : !preview.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <List
          size="small"
          dataSource={preview.data}
          renderItem={(item, i) => {
            const r = ordered[i];
            const name = r ? labelOf(r) : (item.group?.label ?? '—');
            return (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <div>
                    <Tag color={item.kind === 'TO' ? 'blue' : 'default'}>{RECIPIENT_KIND[item.kind]}</Tag>
                    <strong>{name}</strong> <Tag color={MODE_COLOR[item.mode]}>{ROUTE_MODE[item.mode]}</Tag>
                  </div>
                  {item.mode === 'VIA_PARENT' && item.deliverTo && (
                    <div className="naskah-route-via">
                      melalui {item.deliverTo.officeName} ({item.deliverTo.positionTitle}), diteruskan ke tujuan
                    </div>
                  )}
                  {item.hops.length > 0 && (
                    <div className="naskah-route-hops" aria-label="Rute">
                      {item.hops.map((h) => h.name).filter((n, k, all) => k === 0 || n !== all[k - 1]).join(' → ')}
                    </div>
                  )}
                  {item.group && (
                    <Typography.Text type="secondary">
                      {item.group.members} satker
                      {item.group.excludedSender ? ', tanpa satker Anda sendiri' : ''}
                      {item.group.routes.length > 1 ? `; ${item.group.routes.map((g) => `${g.count} ${ROUTE_MODE[g.mode].toLowerCase()}`).join(', ')}` : ''}
                    </Typography.Text>
                  )}
                  {item.mode === 'FORBIDDEN' && <Alert type="error" showIcon title={item.explanation} style={{ marginTop: 4 }} />}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </section>
  );
}
