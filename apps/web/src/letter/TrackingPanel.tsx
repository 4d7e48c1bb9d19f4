import { useState } from 'react';
import { Alert, App, Button, Card, Grid, Input, List, Modal, Select, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { OFFICE_LEVEL, RECIPIENT_KIND, TRACKING_STATUS, label } from '../labels';
import { shortDateTime, dateTime } from '../lib/format';
import { ok, type TrackedDelivery, type TrackingStatus } from './api';
import { LoadMore } from '../components/LoadMore';

const PAGE = 25;
const STATUS_COLOR: Record<TrackingStatus, string | undefined> = { UNREAD: 'orange', READ: 'blue', FORWARDED: 'geekblue', DISPOSED: 'purple', ACTED: 'green', RETURNED: 'red' };
const STATUSES = Object.keys(TRACKING_STATUS) as TrackingStatus[];
type Level = 'RI' | 'PROVINSI' | 'KABKOTA';

/** When each step of a delivery happened, in words. */
function times(d: TrackedDelivery): string {
  return [
    `diterima ${shortDateTime(d.deliveredAt)}`,
    d.readAt && `dibaca ${shortDateTime(d.readAt)}`,
    d.forwardedAt && `diteruskan ${shortDateTime(d.forwardedAt)}`,
    d.disposedAt && `didisposisikan ${shortDateTime(d.disposedAt)}`,
    d.followedUpAt && `ditindaklanjuti ${shortDateTime(d.followedUpAt)}`,
    d.returnedAt && `dikembalikan ${shortDateTime(d.returnedAt)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Delivery tracking of a sent letter, for its sender: every addressee and copy with its status and
 * times, counts by status over all of them, filters (status, text, level, kind), keyset "muat lagi",
 * and a reminder to those who have not read it.
 */
export function TrackingPanel({ letterId }: { letterId: string }) {
  const phone = Grid.useBreakpoint().md === false;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TrackingStatus | undefined>();
  const [level, setLevel] = useState<Level | undefined>();
  const [kind, setKind] = useState<'TO' | 'CC' | undefined>();
  const [q, setQ] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [remindError, setRemindError] = useState<string | null>(null);

  const t = useInfiniteQuery({
    queryKey: ['letter', letterId, 'tracking', { status, level, kind, q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/api/letters/{id}/tracking', { params: { path: { id: letterId }, query: { status, level, kind, q: q || undefined, limit: PAGE, after: pageParam } } }),
      ),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    refetchInterval: 60_000,
  });
  const counts = t.data?.pages[0]?.counts;
  const rows = t.data?.pages.flatMap((p) => p.items) ?? [];

  const remind = useMutation({
    mutationFn: () => ok(api.POST('/api/letters/{id}/tracking/remind-unread', { params: { path: { id: letterId } } })),
    onSuccess: (r) => {
      setConfirming(false);
      setRemindError(null);
      if (r.reminded > 0) message.success(`${r.reminded} jabatan yang belum membaca telah diingatkan.`);
      else if (r.unread === 0) message.info('Semua penerima sudah membaca; tidak ada yang perlu diingatkan.');
      else message.info(`Yang belum membaca sudah diingatkan ${dateTime(r.alreadyRemindedAt)}; pengingat berikutnya dapat dikirim ${dateTime(r.nextReminderAt)}.`);
      void qc.invalidateQueries({ queryKey: ['letter', letterId, 'history'] });
    },
    onError: (err) => setRemindError(messageOf(err)),
  });

  const columns: TableProps<TrackedDelivery>['columns'] = [
    {
      title: 'Satker tujuan',
      key: 'office',
      render: (_: unknown, d) => (
        <>
          <div>{d.office.name}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {d.position.title}
            {d.kind === 'CC' ? ' · Tembusan' : ''}
            {d.deliveredTo ? ` · melalui ${d.deliveredTo.positionTitle}, ${d.deliveredTo.officeName}` : ''}
          </div>
        </>
      ),
    },
    { title: 'Status', key: 'status', width: 150, render: (_: unknown, d) => <Tag color={STATUS_COLOR[d.status]}>{label(TRACKING_STATUS, d.status)}</Tag> },
    { title: 'Waktu', key: 'times', render: (_: unknown, d) => <span style={{ fontSize: 13 }}>{times(d)}</span> },
  ];

  const unread = counts?.UNREAD ?? 0;
  return (
    <section aria-labelledby="tracking-h">
      <Typography.Title level={2} id="tracking-h" style={{ fontSize: 18 }}>
        Pelacakan pengiriman
      </Typography.Title>
      {counts && (
        <div className="tracking-counts">
          <div>
            <Card size="small">
              <Statistic title="Semua" value={counts.total} />
            </Card>
          </div>
          {STATUSES.map((s) => (
            <div key={s}>
              <Card size="small" hoverable onClick={() => setStatus(status === s ? undefined : s)} className={status === s ? 'selected-count' : undefined}
                aria-pressed={status === s}
                role="button"
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    setStatus(status === s ? undefined : s);
                  }
                }}>
                <Statistic title={TRACKING_STATUS[s]} value={counts[s]} />
              </Card>
            </div>
          ))}
        </div>
      )}
      <Space wrap style={{ marginBottom: 12 }} className="tracking-filters">
        <Select<TrackingStatus | undefined>
          aria-label="Status penerimaan"
          placeholder="Semua status"
          allowClear
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ value: s, label: TRACKING_STATUS[s] }))}
          style={{ width: 180 }}
        />
        <Select<Level | undefined>
          aria-label="Tingkat satker"
          placeholder="Semua tingkat"
          allowClear
          value={level}
          onChange={setLevel}
          options={(Object.keys(OFFICE_LEVEL) as Level[]).map((l) => ({ value: l, label: OFFICE_LEVEL[l] }))}
          style={{ width: 190 }}
        />
        <Select<'TO' | 'CC' | undefined>
          aria-label="Kepada atau tembusan"
          placeholder="Kepada dan tembusan"
          allowClear
          value={kind}
          onChange={setKind}
          options={(['TO', 'CC'] as const).map((k) => ({ value: k, label: RECIPIENT_KIND[k] }))}
          style={{ width: 200 }}
        />
        <Input.Search aria-label="Cari satker tujuan" placeholder="Nama atau kode satker" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} />
        <Button icon={<BellOutlined aria-hidden />} onClick={() => setConfirming(true)} disabled={!counts || unread === 0}>
          Ingatkan yang belum membaca{counts ? ` (${unread})` : ''}
        </Button>
      </Space>
      {t.error && <ErrorAlert error={t.error} retry={() => void t.refetch()} title="Pelacakan gagal dimuat" />}
      <Typography.Paragraph className="muted" aria-live="polite">
        {t.isPending
          ? 'Memuat…'
          : rows.length === 0
            ? `Tidak ada pengiriman${status ? ` berstatus ${TRACKING_STATUS[status].toLowerCase()}` : ''}${q || level || kind ? ' yang cocok dengan saringan' : ''}.`
            : `${rows.length} dari ${status ? counts?.[status] : (counts?.total ?? 0)} pengiriman ditampilkan${status ? ` (${TRACKING_STATUS[status].toLowerCase()})` : ''}.`}
      </Typography.Paragraph>
      {phone ? (
        <List
          dataSource={rows}
          loading={t.isPending}
          locale={{ emptyText: 'Tidak ada pengiriman yang cocok dengan saringan.' }}
          renderItem={(d) => (
            <List.Item key={d.deliveryId}>
              <div style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <strong>{d.office.name}</strong>
                  <Tag color={STATUS_COLOR[d.status]}>{label(TRACKING_STATUS, d.status)}</Tag>
                </Space>
                <div className="muted" style={{ fontSize: 12 }}>
                  {d.position.title}
                  {d.kind === 'CC' ? ' · Tembusan' : ''}
                  {d.deliveredTo ? ` · melalui ${d.deliveredTo.positionTitle}, ${d.deliveredTo.officeName}` : ''}
                </div>
                <div style={{ fontSize: 12 }}>{times(d)}</div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<TrackedDelivery>
          rowKey="deliveryId"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={t.isPending}
          pagination={false}
          locale={{ emptyText: 'Tidak ada pengiriman yang cocok dengan saringan.' }}
        />
      )}
      <LoadMore q={t} />
      <Modal
        open={confirming}
        title="Ingatkan yang belum membaca"
        okText="Kirim pengingat"
        cancelText="Batal"
        onOk={() => remind.mutate()}
        confirmLoading={remind.isPending}
        onCancel={() => {
          setConfirming(false);
          setRemindError(null);
        }}
      >
        {remindError && <Alert type="error" showIcon role="alert" title={remindError} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>
          Kirim notifikasi pengingat kepada {unread} jabatan yang belum membaca naskah ini? Pengingat dapat dikirim sekali dalam satu jam.
        </Typography.Paragraph>
      </Modal>
    </section>
  );
}
