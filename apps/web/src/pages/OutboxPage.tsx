import { Button, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormOutlined } from '@ant-design/icons';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { ErrorAlert } from '../components/ErrorAlert';
import { typeName, useLetterTypes } from '../components/master';
import { LETTER_STATUS, OUTBOX_BOX, SECURITY_CLASS, URGENCY, label } from '../labels';
import { cameFrom } from '../lib/back';
import { shortDateTime } from '../lib/format';

type OutboxItem = components['schemas']['OutboxItem'];
type Page = components['schemas']['OutboxPage'];
type Box = keyof typeof OUTBOX_BOX;
const BOXES = Object.keys(OUTBOX_BOX) as Box[];
const PAGE_SIZE = 25;

/**
 * Naskah keluar: the drafter's, reviewer's and signer's boxes; each letter opens its page
 * (/naskah/:id: review, signing, sending, tracking).
 */
const readColumn: NonNullable<TableProps<OutboxItem>['columns']>[number] = {
  title: 'Penerima membaca',
  key: 'read',
  responsive: ['md'],
  render: (_: unknown, r: OutboxItem) => (r.deliveryCounts ? `${(r.deliveryCounts.READ ?? 0) + (r.deliveryCounts.FORWARDED ?? 0)} dari ${r.deliveryCounts.total}` : '—'),
};

export function OutboxPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const box: Box = BOXES.includes(params.get('box') as Box) ? (params.get('box') as Box) : 'drafts';
  const page = Math.max(1, Number(params.get('halaman')) || 1);
  const types = useLetterTypes();
  const q = useQuery({
    queryKey: ['outbox', box, page],
    queryFn: () => unwrap<Page>(api.GET('/api/outbox', { params: { query: { box, page, pageSize: PAGE_SIZE } } })),
  });
  const go = (b: Box, p = 1) => setParams(p > 1 ? { box: b, halaman: String(p) } : { box: b });

  const columns: TableProps<OutboxItem>['columns'] = [
    {
      title: 'Hal',
      key: 'subject',
      sorter: (a, b) => a.subject.localeCompare(b.subject, 'id'),
      render: (_: unknown, r) => (
        <div>
          <Link to={`/naskah/${r.id}`} state={cameFrom(`/naskah-keluar?${params.toString() || `box=${box}`}`, `Naskah keluar — ${OUTBOX_BOX[box]}`)} className="subject">
            {r.subject}
          </Link>
          <div className="muted" style={{ fontSize: 12 }}>
            {typeName(types.data, r.typeCode)}
            {r.number ? ` · ${r.number}` : ''}
            {/* the Status and date columns show from 576 / 768 px */}
            <span className="show-phone"> · {label(LETTER_STATUS, r.status)} · {shortDateTime(box === 'sent' ? r.sentAt : r.updatedAt)}</span>
          </div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            {r.urgency && r.urgency !== 'BIASA' && <Tag color="volcano">{label(URGENCY, r.urgency)}</Tag>}
            {r.securityClass && r.securityClass !== 'B' && <Tag color="purple">{label(SECURITY_CLASS, r.securityClass)}</Tag>}
          </Space>
        </div>
      ),
    },
    { title: 'Status', dataIndex: 'status', key: 'status', render: (v: string) => label(LETTER_STATUS, v), sorter: (a, b) => a.status.localeCompare(b.status), responsive: ['sm'] },
    ...(box === 'sent' ? [readColumn] : []),
    {
      title: box === 'sent' ? 'Dikirim' : 'Diubah',
      key: 'at',
      width: 190,
      responsive: ['md'],
      defaultSortOrder: 'descend',
      sorter: (a, b) => String(a.sentAt ?? a.updatedAt).localeCompare(String(b.sentAt ?? b.updatedAt)),
      render: (_: unknown, r) => shortDateTime(box === 'sent' ? r.sentAt : r.updatedAt),
    },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        Naskah keluar
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type="primary" icon={<FormOutlined aria-hidden />} onClick={() => navigate('/naskah/baru')}>
          Buat naskah
        </Button>
      </Space>
      <Tabs activeKey={box} onChange={(k) => go(k as Box)} items={BOXES.map((b) => ({ key: b, label: OUTBOX_BOX[b] }))} />
      {q.error && <ErrorAlert error={q.error} retry={() => void q.refetch()} />}
      <Typography.Paragraph className="muted" aria-live="polite">
        {q.isPending ? 'Memuat…' : `Halaman ${page}: ${q.data?.items.length ?? 0} naskah${q.data?.hasMore ? ' — ada halaman berikutnya' : ''}.`}
      </Typography.Paragraph>
      <Table<OutboxItem>
        rowKey="id"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isPending}
        pagination={false}
        locale={{ emptyText: `Tidak ada naskah di "${OUTBOX_BOX[box]}".` }}
        showSorterTooltip={{ title: 'Urutkan (di antara yang ditampilkan)' }}
      />
      <Space style={{ marginTop: 16 }}>
        {page > 1 && <Button onClick={() => go(box, page - 1)}>‹ Sebelumnya</Button>}
        {q.data?.hasMore && <Button onClick={() => go(box, page + 1)}>Berikutnya ›</Button>}
      </Space>
    </>
  );
}
