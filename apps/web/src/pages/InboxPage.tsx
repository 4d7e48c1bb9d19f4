import { useMemo, useState } from 'react';
import { Button, Checkbox, DatePicker, Form, Grid, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { InboxItem, InboxPage as Page } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { typeName, useLetterTypes } from '../components/master';
import { ARRIVED_BY, DELIVERY_STATUS, RECIPIENT_KIND, SECURITY_CLASS, URGENCY, label } from '../labels';
import { dayjs, shortDateTime, ZONE } from '../lib/format';

const PAGE_SIZE = 25;
type Filters = { q?: string; typeCode?: string; urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA'; kind?: 'TO' | 'CC'; from?: string; to?: string; unread?: boolean };

function filtersOf(p: URLSearchParams): Filters {
  const urgency = p.get('urgency');
  const kind = p.get('kind');
  return {
    q: p.get('q') || undefined,
    typeCode: p.get('typeCode') || undefined,
    urgency: urgency === 'BIASA' || urgency === 'SEGERA' || urgency === 'AMAT_SEGERA' ? urgency : undefined,
    kind: kind === 'TO' || kind === 'CC' ? kind : undefined,
    from: p.get('from') || undefined,
    to: p.get('to') || undefined,
    unread: p.get('unread') === 'true' || undefined,
  };
}

/** Naskah masuk: filters in the address (bookmarkable), keyset pages ("Muat lebih banyak" with nextBefore). */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const { actingFor } = useAuth();
  const types = useLetterTypes();
  const [form] = Form.useForm();
  const phone = Grid.useBreakpoint().md === false;
  const active = Object.values(filters).filter(Boolean).length;
  const [showFilters, setShowFilters] = useState(false);

  const q = useInfiniteQuery({
    queryKey: ['inbox', filters, actingFor],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page>(api.GET('/api/inbox', { params: { query: { ...filters, positionId: actingFor ?? undefined, before: pageParam, pageSize: PAGE_SIZE } } })),
    getNextPageParam: (last) => (last.hasMore && last.nextBefore ? last.nextBefore : undefined),
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const unreadShown = rows.filter((r) => !r.readAt).length;

  const apply = (v: { q?: string; typeCode?: string; urgency?: string; kind?: string; range?: [dayjs.Dayjs, dayjs.Dayjs] | null; unread?: boolean }) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.typeCode) next.set('typeCode', v.typeCode);
    if (v.urgency) next.set('urgency', v.urgency);
    if (v.kind) next.set('kind', v.kind);
    if (v.range?.[0]) next.set('from', v.range[0].format('YYYY-MM-DD'));
    if (v.range?.[1]) next.set('to', v.range[1].format('YYYY-MM-DD'));
    if (v.unread) next.set('unread', 'true');
    setParams(next);
  };

  const columns: TableProps<InboxItem>['columns'] = [
    {
      title: 'Diterima',
      dataIndex: 'deliveredAt',
      key: 'deliveredAt',
      width: 150,
      sorter: (a, b) => a.deliveredAt.localeCompare(b.deliveredAt),
      defaultSortOrder: 'descend',
      render: (v: string) => shortDateTime(v),
      responsive: ['md'],
    },
    {
      title: 'Hal',
      dataIndex: 'subject',
      key: 'subject',
      sorter: (a, b) => a.subject.localeCompare(b.subject, 'id'),
      render: (_: string, r) => (
        <div>
          <Link to={`/naskah-masuk/${r.id}`} className="subject">
            {!r.readAt && <span className="sr-only-text">Belum dibaca: </span>}
            {r.subject}
          </Link>
          <div className="muted" style={{ fontSize: 12 }}>
            {r.sender?.name ?? '—'}
            {r.via ? ` · ${label(ARRIVED_BY, r.arrivedBy)} oleh ${r.via.officeName}` : ''}
            <span className="show-phone"> · {shortDateTime(r.deliveredAt)}</span>
          </div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            {!r.readAt && <Tag color="red">Belum dibaca</Tag>}
            {r.isCopy && <Tag>{RECIPIENT_KIND.CC}</Tag>}
            {r.toBeForwarded && !['FORWARDED', 'RETURNED'].includes(r.status) && <Tag color="orange">Perlu diteruskan</Tag>}
            {r.urgency && r.urgency !== 'BIASA' && <Tag color="volcano">{label(URGENCY, r.urgency)}</Tag>}
            {r.securityClass && r.securityClass !== 'B' && <Tag color="purple">{label(SECURITY_CLASS, r.securityClass)}</Tag>}
          </Space>
        </div>
      ),
    },
    {
      title: 'Nomor / jenis',
      key: 'number',
      responsive: ['lg'],
      sorter: (a, b) => (a.number ?? '').localeCompare(b.number ?? ''),
      render: (_: unknown, r) => (
        <>
          <div>{r.number ?? '—'}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {typeName(types.data, r.typeCode)}
          </div>
        </>
      ),
    },
    { title: 'No. agenda', key: 'agenda', responsive: ['xl'], render: (_: unknown, r) => `${r.agendaNumber}/${r.agendaYear}`, sorter: (a, b) => a.agendaYear - b.agendaYear || a.agendaNumber - b.agendaNumber },
    { title: 'Status', dataIndex: 'status', key: 'status', responsive: ['sm'], render: (v: string) => label(DELIVERY_STATUS, v), sorter: (a, b) => a.status.localeCompare(b.status) },
  ];

  const initial = {
    ...filters,
    range: filters.from || filters.to ? [filters.from ? dayjs.tz(filters.from, ZONE) : null, filters.to ? dayjs.tz(filters.to, ZONE) : null] : null,
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        Naskah masuk
      </Typography.Title>
      {phone && (
        <Button icon={<FilterOutlined aria-hidden />} onClick={() => setShowFilters((v) => !v)} aria-expanded={showFilters} aria-controls="saring-naskah-masuk" style={{ marginBottom: 12 }}>
          Saring{active ? ` (${active} aktif)` : ''}
        </Button>
      )}
      <Form
        form={form}
        id="saring-naskah-masuk"
        layout={phone ? 'vertical' : 'inline'}
        className="inbox-filters"
        hidden={phone && !showFilters}
        initialValues={initial}
        onFinish={(v) => {
          setShowFilters(false);
          apply(v);
        }}
        role="search"
        aria-label="Saring naskah masuk"
        key={params.toString()}
        style={{ rowGap: 8, marginBottom: 16 }}
      >
        <Form.Item name="q" label="Cari">
          <Input placeholder="Hal, nomor, pengirim" allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="typeCode" label="Jenis">
          <Select allowClear placeholder="Semua" style={{ width: 180 }} options={(types.data ?? []).map((t) => ({ value: t.code, label: t.name }))} />
        </Form.Item>
        <Form.Item name="urgency" label="Sifat">
          <Select allowClear placeholder="Semua" style={{ width: 140 }} options={Object.entries(URGENCY).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Form.Item name="kind" label="Sebagai">
          <Select allowClear placeholder="Semua" style={{ width: 140 }} options={Object.entries(RECIPIENT_KIND).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Form.Item name="range" label="Tanggal diterima">
          <DatePicker.RangePicker format="D MMM YYYY" allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="unread" valuePropName="checked">
          <Checkbox>Belum dibaca saja</Checkbox>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            Terapkan
          </Button>
          <Button onClick={() => setParams(new URLSearchParams())}>Atur ulang</Button>
        </Space>
      </Form>
      {q.error && <ErrorAlert error={q.error} retry={() => void q.refetch()} />}
      <div aria-live="polite">
        <Typography.Paragraph className="muted">
          {q.isPending
            ? 'Memuat…'
            : `${rows.length}${q.hasNextPage ? '+' : ''} naskah ditampilkan${unreadShown ? `, ${unreadShown} belum dibaca` : ''}${q.hasNextPage ? ' — masih ada yang lebih lama' : ''}.`}
        </Typography.Paragraph>
      </div>
      <Table<InboxItem>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={q.isPending}
        pagination={false}
        size="middle"
        rowClassName={(r) => (r.readAt ? '' : 'unread-row')}
        locale={{ emptyText: 'Tidak ada naskah masuk.' }}
        showSorterTooltip={{ title: 'Urutkan (di antara yang ditampilkan)' }}
        aria-label="Daftar naskah masuk"
      />
      {q.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            Muat lebih banyak
          </Button>
        </div>
      )}
    </>
  );
}
