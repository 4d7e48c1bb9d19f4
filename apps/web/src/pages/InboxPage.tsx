import { useMemo, useState } from 'react';
import { Button, Checkbox, DatePicker, Form, Grid, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { typeName, useLetterTypes } from '../components/master';
import { ARRIVED_BY, DELIVERY_STATUS, RECIPIENT_KIND, SECURITY_CLASS, URGENCY, label } from '../labels';
import { cameFrom } from '../lib/back';
import { dayjs, shortDateTime, ZONE } from '../lib/format';
import { LoadMore } from '../components/LoadMore';

type InboxItem = components['schemas']['InboxItem'];
type Page = components['schemas']['InboxPage'];
type Sort = components['schemas']['InboxSort'];

const PAGE_SIZE = 25;
type Filters = { q?: string; typeCode?: string; urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA'; kind?: 'TO' | 'CC'; from?: string; to?: string; unread?: boolean };
const DEFAULT_SORT: Sort = '-receivedAt';
const SORTS: readonly Sort[] = ['-receivedAt', 'receivedAt', '-urgency', 'urgency', 'sender', '-sender'];
/** The column each order belongs to, and the order of each of its directions. */
const SORT_COLUMNS: Record<'deliveredAt' | 'urgency' | 'sender', { ascend: Sort; descend: Sort }> = {
  deliveredAt: { ascend: 'receivedAt', descend: '-receivedAt' },
  urgency: { ascend: 'urgency', descend: '-urgency' },
  sender: { ascend: 'sender', descend: '-sender' },
};
const SORT_LABEL: Record<Sort, string> = {
  '-receivedAt': 'diterima, terbaru dulu',
  receivedAt: 'diterima, terlama dulu',
  '-urgency': 'sifat, paling segera dulu',
  urgency: 'sifat, biasa dulu',
  sender: 'pengirim, A–Z',
  '-sender': 'pengirim, Z–A',
};
const sortOf = (p: URLSearchParams): Sort => SORTS.find((s) => s === p.get('sort')) ?? DEFAULT_SORT;
/** A page to ask for: the default order goes on by keyset (`before`), the others by page number. */
type PageParam = { before?: string; page?: number };

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

/**
 * Naskah masuk: filters and the order in the address (bookmarkable); the order is the API's
 * (`sort`, from the column headers), pages go on with "Muat lebih banyak" (keyset `nextBefore` for
 * newest first, page numbers for the other orders); the total comes with the first page.
 */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const sort = sortOf(params);
  const { actingFor } = useAuth();
  const types = useLetterTypes();
  const [form] = Form.useForm();
  const phone = Grid.useBreakpoint().md === false;
  const active = Object.values(filters).filter(Boolean).length;
  const [showFilters, setShowFilters] = useState(false);

  const q = useInfiniteQuery({
    queryKey: ['inbox', filters, sort, actingFor],
    initialPageParam: {} as PageParam,
    queryFn: ({ pageParam }) =>
      unwrap<Page>(
        api.GET('/api/inbox', {
          params: { query: { ...filters, sort: sort === DEFAULT_SORT ? undefined : sort, positionId: actingFor ?? undefined, ...pageParam, pageSize: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (last): PageParam | undefined => {
      if (!last.hasMore) return undefined;
      if (last.nextBefore) return { before: last.nextBefore };
      return sort === DEFAULT_SORT ? undefined : { page: last.page + 1 };
    },
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? null;
  const totalCapped = q.data?.pages[0]?.totalCapped ?? false;
  const unreadShown = rows.filter((r) => !r.readAt).length;

  /** The order from a column header (server-side): a column's two directions, newest first when none. */
  const setSort = (next: Sort) => {
    const p = new URLSearchParams(params);
    if (next === DEFAULT_SORT) p.delete('sort');
    else p.set('sort', next);
    setParams(p);
  };
  const sortOrderOf = (column: keyof typeof SORT_COLUMNS) =>
    SORT_COLUMNS[column].ascend === sort ? ('ascend' as const) : SORT_COLUMNS[column].descend === sort ? ('descend' as const) : null;

  const apply = (v: { q?: string; typeCode?: string; urgency?: string; kind?: string; range?: [dayjs.Dayjs, dayjs.Dayjs] | null; unread?: boolean }) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.typeCode) next.set('typeCode', v.typeCode);
    if (v.urgency) next.set('urgency', v.urgency);
    if (v.kind) next.set('kind', v.kind);
    if (v.range?.[0]) next.set('from', v.range[0].format('YYYY-MM-DD'));
    if (v.range?.[1]) next.set('to', v.range[1].format('YYYY-MM-DD'));
    if (v.unread) next.set('unread', 'true');
    if (sort !== DEFAULT_SORT) next.set('sort', sort);
    setParams(next);
  };

  const columns: TableProps<InboxItem>['columns'] = [
    {
      title: 'Diterima',
      dataIndex: 'deliveredAt',
      key: 'deliveredAt',
      width: 190,
      sorter: true,
      sortOrder: sortOrderOf('deliveredAt'),
      // newest first, oldest first, and back (never "unsorted")
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (v: string) => shortDateTime(v),
      responsive: ['md'],
    },
    {
      title: 'Hal',
      dataIndex: 'subject',
      key: 'subject',
      render: (_: string, r) => (
        <div>
          <Link to={`/naskah-masuk/${r.id}`} state={cameFrom(`/naskah-masuk${params.size ? `?${params.toString()}` : ''}`, 'Naskah masuk')} className="subject">
            {!r.readAt && <span className="sr-only-text">Belum dibaca: </span>}
            {r.subject}
          </Link>
          <div className="muted" style={{ fontSize: 12 }}>
            {/* the Pengirim column shows it from 992 px */}
            <span className="hide-lg">
              {r.sender?.name ?? '—'}
              {r.via ? ` · ${label(ARRIVED_BY, r.arrivedBy)} oleh ${r.via.officeName}` : ''}
            </span>
            <span className="show-phone"> · {shortDateTime(r.deliveredAt)}</span>
          </div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            {/* the Status column says it from 576 px; below, the tag does */}
            {!r.readAt && (
              <Tag color="red" className="show-xs">
                Belum dibaca
              </Tag>
            )}
            {r.isCopy && <Tag>{RECIPIENT_KIND.CC}</Tag>}
            {r.toBeForwarded && !['FORWARDED', 'RETURNED'].includes(r.status) && <Tag color="orange">Perlu diteruskan</Tag>}
            {r.urgency !== 'BIASA' && (
              <Tag color="volcano" className="show-phone">
                {label(URGENCY, r.urgency)}
              </Tag>
            )}
            {r.securityClass !== 'B' && <Tag color="purple">{label(SECURITY_CLASS, r.securityClass)}</Tag>}
          </Space>
        </div>
      ),
    },
    {
      title: 'Pengirim',
      key: 'sender',
      responsive: ['lg'],
      sorter: true,
      sortOrder: sortOrderOf('sender'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_: unknown, r) => (
        <>
          <div>{r.sender?.name ?? '—'}</div>
          {r.via && (
            <div className="muted" style={{ fontSize: 12 }}>
              {label(ARRIVED_BY, r.arrivedBy)} oleh {r.via.officeName}
            </div>
          )}
        </>
      ),
    },
    {
      title: 'Sifat',
      key: 'urgency',
      responsive: ['md'],
      sorter: true,
      sortOrder: sortOrderOf('urgency'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (_: unknown, r) => (r.urgency === 'BIASA' ? label(URGENCY, r.urgency) : <Tag color="volcano">{label(URGENCY, r.urgency)}</Tag>),
    },
    {
      title: 'Nomor / jenis',
      key: 'number',
      responsive: ['xl'],
      render: (_: unknown, r) => (
        <>
          <div className="letter-number">{r.number ?? '—'}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {typeName(types.data, r.typeCode)}
          </div>
        </>
      ),
    },
    { title: 'No. agenda', key: 'agenda', responsive: ['xl'], render: (_: unknown, r) => `${r.agendaNumber}/${r.agendaYear}` },
    { title: 'Status', dataIndex: 'status', key: 'status', responsive: ['sm'], render: (v: string) => label(DELIVERY_STATUS, v) },
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
          {q.isPending ? (
            'Memuat…'
          ) : (
            <>
              {total !== null && (
                <>
                  <strong className="inbox-total">{totalCapped ? `lebih dari ${total.toLocaleString('id-ID')}` : total.toLocaleString('id-ID')} naskah</strong>
                  {active ? ' sesuai saringan' : ''}
                  {rows.length ? ' · ' : '.'}
                </>
              )}
              {/* an empty list says its total alone ("0 naskah sesuai saringan."), not "0 naskah · 0 naskah ditampilkan" */}
              {(rows.length || total === null) && `${rows.length} naskah ditampilkan${unreadShown ? `, ${unreadShown} belum dibaca` : ''}, urut ${SORT_LABEL[sort]}${q.hasNextPage ? ' — masih ada lagi' : ''}.`}
            </>
          )}
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
        showSorterTooltip={{ title: 'Urutkan' }}
        onChange={(_pagination, _filters, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const column = one?.columnKey as keyof typeof SORT_COLUMNS | undefined;
          if (!column || !(column in SORT_COLUMNS)) return;
          setSort(one.order ? SORT_COLUMNS[column][one.order] : DEFAULT_SORT);
        }}
        aria-label="Daftar naskah masuk"
      />
      <LoadMore q={q} />
    </>
  );
}
