import { PdfButton } from '../letter/PdfButton';
import { PdfPreview } from '../letter/PdfPreview';
import { AttachmentLink } from '../letter/AttachmentLink';
import { useEffect, useState } from 'react';
import { App, Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useCameFrom } from '../lib/back';
import { api, unwrap } from '../api/client';
import { formFieldErrors, messageOf } from '../api/errors';
import type { components } from '../api/schema';
import { notificationsRead, ok } from '../letter/api';

type DeliveryView = components['schemas']['DeliveryDetail'];
type RouteHop = components['schemas']['RouteHop'];
import { ErrorAlert } from '../components/ErrorAlert';
import { typeName, useLetterTypes } from '../components/master';
import { ARRIVED_BY, CAPACITY, DELIVERY_STATUS, HISTORY_ACTION, SECURITY_CLASS, URGENCY, label } from '../labels';
import { date, dateTime, fileSize } from '../lib/format';
import { useAuth } from '../auth/AuthContext';
import { FileDialog } from '../letter/FileDialog';

/** One received letter: the letter, its PDF and attachments, the route, the history; forward / return. */
export function DeliveryPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const types = useLetterTypes();
  const d = useQuery({
    queryKey: ['delivery', id],
    queryFn: async () => {
      const delivery = await ok(api.GET('/api/deliveries/{id}', { params: { path: { id } } }));
      notificationsRead(qc);
      return delivery;
    },
  });
  const route = useQuery({ queryKey: ['delivery', id, 'route'], queryFn: () => ok(api.GET('/api/deliveries/{id}/route', { params: { path: { id } } })), enabled: d.isSuccess });
  const letterId = d.data?.letterId;
  const history = useQuery({
    queryKey: ['letter', letterId, 'history'],
    queryFn: () => ok(api.GET('/api/letters/{id}/history', { params: { path: { id: letterId! } } })),
    enabled: Boolean(letterId),
  });

  // opening a letter addressed to me marks it read (once)
  const markRead = useMutation({
    mutationFn: () => ok(api.POST('/api/deliveries/{id}/read', { params: { path: { id } } })),
    onSuccess: (fresh) => {
      qc.setQueryData(['delivery', id], (old: DeliveryView | undefined) => (old ? { ...old, ...fresh, letter: old.letter } : fresh));
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      void qc.invalidateQueries({ queryKey: ['counters'] });
    },
  });
  useEffect(() => {
    if (d.data?.mine && !d.data.readAt && markRead.isIdle) markRead.mutate();
  }, [d.data, markRead]);

  const [dialog, setDialog] = useState<'forward' | 'return' | 'file' | null>(null);
  const [preview, setPreview] = useState(false);
  const { me } = useAuth();
  const back = useCameFrom() ?? { href: '/naskah-masuk', label: 'Naskah masuk' };
  // filing the office's copy into one of its dossiers (the records rules decide; the old screens offered it to these roles)
  const canFile = (me?.roles ?? []).some((r) => ['ARCHIVIST', 'LEADER', 'REGISTRAR'].includes(r));

  if (d.isPending) return <Skeleton active />;
  if (d.error)
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Naskah masuk
        </Typography.Title>
        <ErrorAlert error={d.error} retry={() => void d.refetch()} title="Naskah tidak dapat dibuka" />
        <Link to={back.href}>‹ Kembali ke {back.label === 'Naskah masuk' ? 'naskah masuk' : back.label}</Link>
      </>
    );
  const v = d.data;
  const l = v.letter;
  const open = !['FORWARDED', 'RETURNED'].includes(v.status);
  const canAct = v.mine && v.toBeForwarded && open; // forward/return belong to a letter that passes through this office

  return (
    <>
      <Link to={back.href}>‹ {back.label}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
        {l?.subject ?? v.subject}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{label(DELIVERY_STATUS, v.status)}</Tag>
        {v.isCopy && <Tag>Tembusan</Tag>}
        {v.toBeForwarded && <Tag color={open ? 'orange' : 'green'}>{open ? 'Perlu diteruskan' : 'Sudah ditindaklanjuti'}</Tag>}
        {l?.urgency && l.urgency !== 'BIASA' && <Tag color="volcano">{label(URGENCY, l.urgency)}</Tag>}
        {l?.securityClass && l.securityClass !== 'B' && <Tag color="purple">{label(SECURITY_CLASS, l.securityClass)}</Tag>}
      </Space>
      <Space wrap style={{ marginBottom: 16 }} role="group" aria-label="Tindakan">
        {l?.documentFileId ? <PdfButton letterId={v.letterId} /> : <Typography.Text type="secondary">PDF belum tersedia.</Typography.Text>}
        {l?.documentFileId && (
          <Button onClick={() => setPreview((p) => !p)} aria-expanded={preview} aria-controls="pratinjau-pdf">
            {preview ? 'Sembunyikan pratinjau' : 'Tampilkan pratinjau'}
          </Button>
        )}
        {canAct && (
          <Button type={v.toBeForwarded ? 'primary' : 'default'} onClick={() => setDialog('forward')}>
            Teruskan
          </Button>
        )}
        {canAct && (
          <Button danger onClick={() => setDialog('return')}>
            Kembalikan
          </Button>
        )}
        {canFile && <Button onClick={() => setDialog('file')}>Berkaskan</Button>}
        <a href={`/lama/#/surat-masuk/${v.id}`}>Disposisi (tampilan lama)</a>
      </Space>
      {preview && l?.documentFileId && (
        <Card id="pratinjau-pdf" title={<h2 style={{ fontSize: 16, margin: 0 }}>Pratinjau PDF</h2>} size="small" style={{ marginBottom: 16 }}>
          <PdfPreview letterId={v.letterId} title={l.subject} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title="Naskah" size="small">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'number', label: 'Nomor', children: l?.number ?? '(belum bernomor)' },
                { key: 'type', label: 'Jenis', children: typeName(types.data, l?.typeCode ?? v.typeCode) },
                { key: 'from', label: 'Pengirim', children: v.sender?.name ?? '—' },
                ...(v.via ? [{ key: 'via', label: `${label(ARRIVED_BY, v.arrivedBy)} oleh`, children: `${v.via.officeName}${v.via.note ? ` — “${v.via.note}”` : ''}` }] : []),
                { key: 'to', label: 'Penerima', children: [v.position?.title, v.office?.name].filter(Boolean).join(' — ') || '—' },
                { key: 'agenda', label: 'No. agenda', children: `${v.agendaNumber}/${v.agendaYear}` },
                { key: 'at', label: 'Diterima', children: dateTime(v.deliveredAt) },
                { key: 'read', label: 'Dibaca', children: dateTime(v.readAt) },
                { key: 'class', label: 'Kode klasifikasi', children: l?.classificationCode ?? '—' },
                ...(l?.signedAt
                  ? [{ key: 'signed', label: 'Ditandatangani', children: `${dateTime(l.signedAt)} oleh ${[label(CAPACITY, l.signedCapacity, ''), l.signerTitle, l.signerName && `(${l.signerName})`].filter(Boolean).join(' ')}` }]
                  : []),
                ...(l?.external ? [{ key: 'ext', label: 'Surat eksternal', children: [l.external.sender, l.external.number, l.external.date && date(l.external.date)].filter(Boolean).join(' · ') }] : []),
                ...(v.actNote ? [{ key: 'note', label: 'Catatan tindak lanjut', children: v.actNote }] : []),
              ]}
            />
            {l?.summary && (
              <Typography.Paragraph style={{ marginTop: 12 }}>
                <strong>Ringkasan:</strong> {l.summary}
              </Typography.Paragraph>
            )}
            {l?.body && <div className="letter-body">{l.body}</div>}
            {(l?.attachments?.length ?? 0) > 0 && (
              <>
                <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
                  Lampiran
                </Typography.Title>
                <ul>
                  {l!.attachments!.map((a) => (
                    <li key={a.fileId}>
                      <AttachmentLink letterId={v.letterId} fileId={a.fileId} name={a.name} /> <span className="muted">({fileSize(a.sizeBytes)})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Rute naskah</h2>} size="small" style={{ marginBottom: 16 }}>
            {route.error ? <ErrorAlert error={route.error} retry={() => void route.refetch()} /> : route.isPending ? <Skeleton active /> : <RouteTimeline hops={route.data.hops ?? []} />}
            {v.toBeForwarded && <FinalAddressee officeId={v.finalOfficeId} positionId={v.finalPositionId} forwarded={!open} />}
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Riwayat</h2>} size="small">
            {history.error ? (
              <ErrorAlert error={history.error} retry={() => void history.refetch()} title="Riwayat tidak dapat dimuat" />
            ) : history.isPending ? (
              <Skeleton active />
            ) : history.data.length ? (
              <Timeline
                items={history.data.map((ev, i) => ({
                  key: i,
                  content: (
                    <>
                      <strong>{label(HISTORY_ACTION, ev.action)}</strong>
                      <div className="muted" style={{ fontSize: 12 }}>
                        {dateTime(ev.occurredAt)}
                        {ev.capacity && !['SENDIRI', 'SYSTEM'].includes(ev.capacity) ? ` · ${label(CAPACITY, ev.capacity)}` : ''}
                      </div>
                      {typeof afterOf(ev).note === 'string' && <div>Catatan: {String(afterOf(ev).note)}</div>}
                      {typeof afterOf(ev).reason === 'string' && <div>Alasan: {String(afterOf(ev).reason)}</div>}
                    </>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">Belum ada riwayat.</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <ForwardDialog open={dialog === 'forward'} id={v.id} onClose={() => setDialog(null)} />
      <ReturnDialog open={dialog === 'return'} id={v.id} onClose={() => setDialog(null)} />
      {canFile && <FileDialog open={dialog === 'file'} target={{ deliveryId: v.id }} onClose={() => setDialog(null)} />}
    </>
  );
}

/** An audit event's recorded "after" as an object (it is free-form JSON). */
function afterOf(ev: { after: unknown }): Record<string, unknown> {
  return ev.after && typeof ev.after === 'object' && !Array.isArray(ev.after) ? (ev.after as Record<string, unknown>) : {};
}

/** Where a letter to be forwarded goes on to (the forwarding office must know it). */
function FinalAddressee({ officeId, positionId, forwarded }: { officeId: number | null; positionId: number | null; forwarded: boolean }) {
  const office = useQuery({
    queryKey: ['office', officeId],
    queryFn: () => ok(api.GET('/api/offices/{id}', { params: { path: { id: officeId! } } })),
    enabled: officeId !== null,
    staleTime: Infinity,
  });
  const position = useQuery({
    queryKey: ['position', positionId],
    queryFn: () => ok(api.GET('/api/positions/{id}', { params: { path: { id: positionId! } } })),
    enabled: positionId !== null,
    staleTime: Infinity,
  });
  if (officeId === null && positionId === null) return null;
  const who = [position.data?.title ?? (positionId !== null ? null : 'Pimpinan'), office.data?.name].filter(Boolean).join(' — ');
  return (
    <Alert
      type={forwarded ? 'success' : 'warning'}
      showIcon
      style={{ marginTop: 8 }}
      title={forwarded ? 'Sudah diteruskan ke tujuan akhir' : 'Diteruskan ke tujuan akhir'}
      description={office.isPending && officeId !== null ? 'Memuat…' : who || '—'}
    />
  );
}

function RouteTimeline({ hops }: { hops: RouteHop[] }) {
  if (!hops.length) return <Typography.Text type="secondary">Rute tidak tersedia.</Typography.Text>;
  return (
    <Timeline
      items={hops.map((h, i) => ({
        key: i,
        // where the letter rests (received, not passed on) in green; the hops it passed through in blue
        color: h.action === 'RECEIVED' ? 'green' : 'blue',
        content: (
          <>
            <strong>
              {h.office?.name ?? '—'}
              {h.position ? ` — ${h.position.title}` : ''}
            </strong>
            {h.action && (
              <div>
                <Tag>{label(ARRIVED_BY, h.action)}</Tag>
                {h.at ? dateTime(h.at) : ''}
                {h.by ? ` oleh ${[label(CAPACITY, h.by.capacity, ''), h.by.name].filter(Boolean).join(' ')}` : ''}
              </div>
            )}
            {h.agendaNumber ? (
              <div className="muted" style={{ fontSize: 12 }}>
                No. agenda {h.agendaNumber}
                {h.readAt ? ` · dibaca ${dateTime(h.readAt)}` : ''}
              </div>
            ) : null}
            {h.note && <div>Catatan: {h.note}</div>}
          </>
        ),
      }))}
    />
  );
}


/** Forward (to the final addressee when no target is named). The dialog stays open, with what was typed, on an error. */
function ForwardDialog({ open, id, onClose }: { open: boolean; id: string; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (v: { note?: string }) => unwrap(api.POST('/api/deliveries/{id}/forward', { params: { path: { id } }, body: v.note?.trim() ? { note: v.note.trim() } : {} })),
    onSuccess: () => {
      message.success('Naskah diteruskan.');
      void qc.invalidateQueries({ queryKey: ['delivery', id] });
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      form.setFields(formFieldErrors(err, ['note']) as never);
      setError(messageOf(err));
      // e.g. already forwarded from another tab: the page behind the dialog shows what is true now
      void qc.invalidateQueries({ queryKey: ['delivery', id] });
    },
  });
  return (
    <Modal open={open} title="Teruskan naskah" okText="Teruskan" cancelText="Batal" onCancel={() => (setError(null), onClose())} onOk={() => form.submit()} confirmLoading={m.isPending} destroyOnHidden={false}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => { setError(null); m.mutate(v); }}>
        <Typography.Paragraph className="muted">Tanpa tujuan lain, naskah diteruskan ke penerima akhirnya sesuai aturan rute.</Typography.Paragraph>
        <Form.Item name="note" label="Catatan penerusan (opsional)" rules={[{ max: 2000, message: 'Maksimal 2000 karakter.' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnDialog({ open, id, onClose }: { open: boolean; id: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (v: { reason: string }) => unwrap(api.POST('/api/deliveries/{id}/return', { params: { path: { id } }, body: { reason: v.reason.trim() } })),
    onSuccess: () => {
      message.success('Naskah dikembalikan ke pengirim.');
      void qc.invalidateQueries({ queryKey: ['delivery', id] });
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      form.setFields(formFieldErrors(err, ['reason']) as never);
      setError(messageOf(err));
      void qc.invalidateQueries({ queryKey: ['delivery', id] });
    },
  });
  return (
    <Modal open={open} title="Kembalikan naskah ke pengirim" okText="Kembalikan" okButtonProps={{ danger: true }} cancelText="Batal" onCancel={() => (setError(null), onClose())} onOk={() => form.submit()} confirmLoading={m.isPending}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => { setError(null); m.mutate(v); }}>
        <Form.Item name="reason" label="Alasan pengembalian" rules={[{ required: true, whitespace: true, message: 'Isi alasan pengembalian.' }, { min: 3, message: 'Minimal 3 karakter.' }, { max: 2000, message: 'Maksimal 2000 karakter.' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
