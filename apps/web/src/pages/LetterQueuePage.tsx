import { Grid, List, Radio, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { cameFrom } from '../lib/back';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { typeName, useLetterTypes } from '../components/master';
import { DELIVERY_STATUS, LETTER_STATUS, SECURITY_CLASS, URGENCY, label } from '../labels';
import { shortDateTime } from '../lib/format';
import { ok, type WorkItem } from '../letter/api';
import { NotFoundPage } from './NotFoundPage';
import { LoadMore } from '../components/LoadMore';

type Queue = components['schemas']['WorkQueue'];
/** The letter work queues this page lists (the others have their own pages). */
const QUEUES: Partial<Record<Queue, { title: string; lead: string; empty: string }>> = {
  'ready-to-send': {
    title: 'Siap dikirim',
    lead: 'Naskah yang sudah ditandatangani dan PDF-nya sudah dibuat, menunggu dikirim oleh konseptor atau pencatat surat.',
    empty: 'Tidak ada naskah yang menunggu dikirim.',
  },
  review: { title: 'Perlu paraf', lead: 'Naskah yang menunggu pemeriksaan Anda (giliran Anda dalam urutan pemeriksa).', empty: 'Tidak ada naskah yang menunggu paraf Anda.' },
  signature: { title: 'Perlu tanda tangan', lead: 'Naskah yang sudah disetujui pemeriksa dan menunggu tanda tangan Anda.', empty: 'Tidak ada naskah yang menunggu tanda tangan Anda.' },
  returned: { title: 'Dikembalikan', lead: 'Konsep yang dikembalikan pemeriksa untuk diperbaiki.', empty: 'Tidak ada konsep yang dikembalikan.' },
  'to-forward': {
    title: 'Perlu diteruskan',
    lead: 'Surat dari satker di bawah Anda yang menurut aturan rute harus diteruskan ke tujuan akhirnya (atau dikembalikan ke pengirim).',
    empty: 'Tidak ada surat yang menunggu diteruskan.',
  },
  'no-follow-up': {
    title: 'Belum ditindaklanjuti',
    lead: 'Surat masuk kepada Anda (90 hari terakhir) yang belum didisposisikan atau ditindaklanjuti.',
    empty: 'Semua surat masuk sudah ditindaklanjuti.',
  },
};
/** The queues of received letters (deliveries): their rows name the sender and the delivery's own status. */
const DELIVERY_QUEUES: readonly string[] = ['to-forward', 'no-follow-up'];
const PAGE = 25;

/** One of the letter work queues (GET /api/worklist/{queue}): the registrar's "siap dikirim", the reviewer's "perlu paraf" … */
export function LetterQueuePage() {
  const { queue = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const sort = params.get('urut') === 'sifat' ? 'urgency' : 'date';
  const { actingFor } = useAuth();
  const types = useLetterTypes();
  const phone = Grid.useBreakpoint().md === false;
  const meta = QUEUES[queue as Queue];
  const q = useInfiniteQuery({
    queryKey: ['worklist', queue, sort, actingFor],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => ok(api.GET('/api/worklist/{queue}', { params: { path: { queue: queue as Queue }, query: { sort, cursor: pageParam, pageSize: PAGE } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(meta),
    staleTime: 0, // a work queue opened again shows what waits now (a letter just handled has left it)
  });
  if (!meta) return <NotFoundPage />;
  const rows = (q.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => actingFor === null || i.positionId === null || i.positionId === actingFor);
  const link = (r: WorkItem) => (r.kind === 'DELIVERY' && r.deliveryId ? `/naskah-masuk/${r.deliveryId}` : `/naskah/${r.letterId ?? r.id}`);
  const subject = (r: WorkItem) => (
    <div>
      <Link to={link(r)} state={cameFrom(`/antrean/${queue}${params.size ? `?${params.toString()}` : ''}`, meta.title)} className="subject">
        {r.subject ?? '(hal tidak dapat ditampilkan)'}
      </Link>
      <div className="muted" style={{ fontSize: 12 }}>
        {typeName(types.data, r.typeCode)}
        {r.number ? ` · ${r.number}` : ''}
      </div>
      <Space size={4} wrap style={{ marginTop: 4 }}>
        {r.urgency !== 'BIASA' && <Tag color="volcano">{label(URGENCY, r.urgency)}</Tag>}
        {r.securityClass && r.securityClass !== 'B' && <Tag color="purple">{label(SECURITY_CLASS, r.securityClass)}</Tag>}
      </Space>
    </div>
  );
  const received = DELIVERY_QUEUES.includes(queue);
  const status = (r: WorkItem) => (r.kind === 'DELIVERY' ? label(DELIVERY_STATUS, r.status) : label(LETTER_STATUS, r.status));
  const columns: TableProps<WorkItem>['columns'] = [
    { title: 'Hal', key: 'subject', render: (_: unknown, r) => subject(r) },
    ...(received ? [{ title: 'Pengirim', key: 'from', render: (_: unknown, r: WorkItem) => r.from ?? '—' }] : []),
    { title: 'Status', key: 'status', width: 160, render: (_: unknown, r) => status(r) },
    { title: queue === 'ready-to-send' ? 'Ditandatangani' : received ? 'Diterima' : 'Sejak', key: 'date', width: 190, render: (_: unknown, r) => shortDateTime(r.date) },
  ];
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {meta.title}
      </Typography.Title>
      <Typography.Paragraph className="muted">{meta.lead}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span id="urut-label">Urutkan:</span>
        <Radio.Group aria-labelledby="urut-label" value={sort} onChange={(e) => setParams(e.target.value === 'urgency' ? { urut: 'sifat' } : {})} optionType="button">
          <Radio.Button value="date">Terbaru</Radio.Button>
          <Radio.Button value="urgency">Sifat (amat segera dulu)</Radio.Button>
        </Radio.Group>
      </Space>
      {q.error && <ErrorAlert error={q.error} retry={() => void q.refetch()} />}
      <Typography.Paragraph className="muted" aria-live="polite">
        {q.isPending ? 'Memuat…' : `${rows.length} naskah${q.hasNextPage ? ' ditampilkan — ada lagi' : ''}.`}
      </Typography.Paragraph>
      {phone ? (
        <List dataSource={rows} loading={q.isPending} locale={{ emptyText: meta.empty }} renderItem={(r) => (
            <List.Item key={r.id}>
              <div>
                {subject(r)}
                <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
                  {[received ? r.from : null, status(r), shortDateTime(r.date)].filter(Boolean).join(' · ')}
                </div>
              </div>
            </List.Item>
          )} />
      ) : (
        <Table<WorkItem> rowKey="id" columns={columns} dataSource={rows} loading={q.isPending} pagination={false} locale={{ emptyText: meta.empty }} />
      )}
      <LoadMore q={q} />
    </>
  );
}
