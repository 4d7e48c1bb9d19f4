import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Modal, Row, Skeleton, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, EditOutlined, FolderAddOutlined, RollbackOutlined, SendOutlined, SignatureOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { messageOf } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { typeName, useLetterTypes } from '../components/master';
import { CAPACITY, HISTORY_ACTION, LETTER_STATUS, RECIPIENT_KIND, SECURITY_CLASS, URGENCY, label } from '../labels';
import { useCameFrom, type BackTo } from '../lib/back';
import { date, dateTime, fileSize } from '../lib/format';
import { ok, letterKey, useLetter, type AuditEvent, type Letter } from '../letter/api';
import { AttachmentLink } from '../letter/AttachmentLink';
import { BodyView, TypeFieldsView, isEmptyBody } from '../letter/ContentView';
import { FileDialog } from '../letter/FileDialog';
import { useLetterNames } from '../letter/names';
import { PdfButton } from '../letter/PdfButton';
import { PdfPreview } from '../letter/PdfPreview';
import { ReviewDialog, type ReviewDecision } from '../letter/ReviewDialog';
import { ReviewRoute } from '../letter/ReviewRoute';
import { RevisionDiff } from '../letter/RevisionDiff';
import { SignDialog } from '../letter/SignDialog';
import { TrackingPanel } from '../letter/TrackingPanel';
import '../letter/letter.css';

const STATUS_COLOR: Record<string, string> = { DRAFT: 'default', IN_REVIEW: 'gold', RETURNED: 'volcano', APPROVED: 'blue', SIGNED: 'geekblue', SENT: 'green', CANCELLED: 'default' };
const TABS = ['naskah', 'pdf', 'pemeriksaan', 'revisi', 'riwayat', 'pengiriman'] as const;
type Tab = (typeof TABS)[number];

/**
 * An outgoing letter (naskah keluar) for its drafter, reviewers, signer and the office's registrar:
 * status, the review route, revisions with their differences, history, and the one action this
 * person may take now — submit, paraf / return, sign, send — then, once sent, delivery tracking and
 * filing. Actions are offered from what the letter says; the API decides and its answer is shown.
 */
export function LetterPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'naskah';
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { me, positions } = useAuth();
  const types = useLetterTypes();
  const cameFrom = useCameFrom();
  const location = useLocation();
  const l = useLetter(id);
  // a sending in progress is followed until its deliveries exist
  useQuery({
    queryKey: [...letterKey(id), 'sending'],
    queryFn: async () => {
      const fresh = await ok(api.GET('/api/letters/{id}', { params: { path: { id } } }));
      qc.setQueryData(letterKey(id), fresh);
      return fresh.delivery?.state ?? null;
    },
    enabled: l.data?.delivery?.state === 'WAITING' || (l.data?.status === 'SIGNED' && !l.data.documentFileId),
    refetchInterval: 3000,
  });
  const revisions = useQuery({
    queryKey: ['letter', id, 'revisions', l.data?.revision],
    queryFn: () => ok(api.GET('/api/letters/{id}/revisions', { params: { path: { id } } })),
    enabled: l.isSuccess,
  });
  const history = useQuery({
    queryKey: ['letter', id, 'history', l.data?.version],
    queryFn: () => ok(api.GET('/api/letters/{id}/history', { params: { path: { id } } })),
    enabled: l.isSuccess && tab === 'riwayat',
  });
  const names = useLetterNames(l.data, revisions.data, history.data?.map((ev) => ev.actorPositionId));
  const [review, setReview] = useState<ReviewDecision | null>(null);
  const [signing, setSigning] = useState(false);
  const [filing, setFiling] = useState(false);
  const [sendConfirm, setSendConfirm] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);

  const refreshAll = (fresh?: Letter) => {
    if (fresh) qc.setQueryData(letterKey(id), fresh);
    void qc.invalidateQueries({ queryKey: ['letter', id] });
    void qc.invalidateQueries({ queryKey: ['counters'] });
    void qc.invalidateQueries({ queryKey: ['outbox'] });
    void qc.invalidateQueries({ queryKey: ['worklist'] });
  };
  const submit = useMutation({
    mutationFn: () => ok(api.POST('/api/letters/{id}/submit', { params: { path: { id } } })),
    onSuccess: (fresh) => {
      refreshAll(fresh);
      message.success(fresh.status === 'APPROVED' ? 'Naskah diajukan; tanpa pemeriksa, langsung menunggu tanda tangan.' : 'Naskah diajukan ke pemeriksa.');
    },
    onError: (err) => message.error(messageOf(err)),
  });
  const send = useMutation({
    mutationFn: () => ok(api.POST('/api/letters/{id}/send', { params: { path: { id } } })),
    onSuccess: (r) => {
      setSendConfirm(false);
      setSendError(null);
      refreshAll();
      message.success(`Naskah dikirim ke ${r.targetCount} tujuan.`);
    },
    onError: (err) => setSendError(messageOf(err)),
  });

  if (l.isPending) return <Skeleton active />;
  if (l.error)
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Naskah
        </Typography.Title>
        <ErrorAlert error={l.error} retry={() => void l.refetch()} title="Naskah tidak dapat dibuka" />
        {cameFrom ? <Link to={cameFrom.href}>‹ Kembali ke {cameFrom.label}</Link> : <Link to="/beranda">‹ Kembali ke beranda</Link>}
      </>
    );
  const v = l.data;
  const mine = new Set(positions.map((p) => p.id));
  const roles = me?.roles ?? [];
  // the drafting office's own view: the konseptor, the review and the earlier revisions are its record (the API leaves them out for other offices)
  const draftingOffice = v.drafterPositionId !== null;
  const isDrafter = v.drafterPositionId !== null && mine.has(v.drafterPositionId);
  const isSigner = mine.has(v.signerPositionId);
  const isRegistrar = roles.includes('REGISTRAR') && me?.office?.id === v.officeId;
  const round = v.reviews.filter((r) => r.round === v.reviewRound);
  const pending = round.find((r) => r.step === v.currentStep && r.decision === 'PENDING');
  const myTurn = v.status === 'IN_REVIEW' && pending !== undefined && mine.has(pending.positionId);
  const myLaterStep = v.status === 'IN_REVIEW' && !myTurn ? round.find((r) => r.decision === 'PENDING' && mine.has(r.positionId)) : undefined;
  const canSubmit = isDrafter && ['DRAFT', 'RETURNED'].includes(v.status);
  const canSign = isSigner && v.status === 'APPROVED';
  const canSend = v.status === 'SIGNED' && (isDrafter || isSigner || isRegistrar);
  const canFile = v.status === 'SENT' && roles.some((r) => ['ARCHIVIST', 'LEADER', 'DRAFTER', 'REGISTRAR'].includes(r));
  const lastReturn = v.status === 'RETURNED' ? v.reviews.filter((r) => r.decision === 'RETURNED').sort((a, b) => b.round - a.round)[0] : undefined;
  const hasBody = !isEmptyBody(v.bodyDoc);
  const external = v.origin === 'EXTERNAL';
  const back = cameFrom ?? defaultBack({ external, status: v.status, isDrafter, isSigner, isRegistrar, myTurn });

  const tabItems = [
    {
      key: 'naskah',
      label: 'Naskah',
      children: (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Card size="small" title={<h2 className="card-h">{external ? 'Ringkasan surat' : 'Isi naskah'}</h2>}>
              {v.summary && (
                <Typography.Paragraph>
                  <strong>Ringkasan:</strong> {v.summary}
                </Typography.Paragraph>
              )}
              {v.typeCode === 'Kpt' && <TypeFieldsView typeCode={v.typeCode} fields={v.typeFields} position={(pid) => names.position(pid)} part="own" />}
              {hasBody ? (
                <BodyView doc={v.bodyDoc} />
              ) : (
                <div className="letter-body">
                  <Typography.Text type="secondary">{external ? 'Isi surat ada pada pindaiannya (Buka pindaian).' : 'Isi naskah belum ditulis.'}</Typography.Text>
                </div>
              )}
              {/* a Keputusan's diktum comes before its body (as the PDF prints it); the other types' fields after */}
              <TypeFieldsView typeCode={v.typeCode} fields={v.typeFields} position={(pid) => names.position(pid)} part={v.typeCode === 'Kpt' ? 'appendices' : 'all'} />
              {v.attachments.length > 0 && (
                <>
                  <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
                    Lampiran berkas
                  </Typography.Title>
                  <ul>
                    {v.attachments.map((a) => (
                      <li key={a.fileId}>
                        <AttachmentLink letterId={v.id} fileId={a.fileId} name={a.name} /> <span className="muted">({fileSize(a.sizeBytes)})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card size="small" title={<h2 className="card-h">Keterangan</h2>}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  ...(external ? [] : [{ key: 'number', label: 'Nomor', children: v.number ?? '(diberikan saat ditandatangani)' }]),
                  { key: 'type', label: 'Jenis', children: typeName(types.data, v.typeCode) },
                  { key: 'class', label: 'Kode klasifikasi', children: v.classificationCode || '—' },
                  { key: 'sec', label: 'Keamanan', children: label(SECURITY_CLASS, v.securityClass) },
                  { key: 'urg', label: 'Sifat', children: label(URGENCY, v.urgency) },
                  ...(external
                    ? [
                        { key: 'ext-from', label: 'Pengirim', children: v.external?.sender ?? '—' },
                        { key: 'ext-no', label: 'Nomor surat pengirim', children: v.external?.number ?? '—' },
                        { key: 'ext-date', label: 'Tanggal surat', children: date(v.external?.date) },
                        { key: 'reg', label: 'Dicatat oleh', children: names.position(v.drafterPositionId) },
                      ]
                    : [
                        ...(draftingOffice ? [{ key: 'drafter', label: 'Konseptor', children: names.position(v.drafterPositionId) }] : []),
                        // another office reads whose letter it is: the signer with the sending office
                        { key: 'signer', label: 'Penandatangan', children: draftingOffice ? names.position(v.signerPositionId) : `${names.position(v.signerPositionId)} — ${names.office(v.officeId)}` },
                      ]),
                  {
                    key: 'to',
                    label: 'Kepada',
                    children: v.addressees.filter((a) => a.kind === 'TO').map((a) => a.label).join('; ') || '—',
                  },
                  ...(v.addressees.some((a) => a.kind === 'CC')
                    ? [{ key: 'cc', label: RECIPIENT_KIND.CC, children: v.addressees.filter((a) => a.kind === 'CC').map((a) => a.label).join('; ') }]
                    : []),
                  ...(v.signedAt
                    ? [{ key: 'signed', label: 'Ditandatangani', children: `${dateTime(v.signedAt)} oleh ${[label(CAPACITY, v.signedCapacity, ''), v.signerTitle, v.signerName && `(${v.signerName})`].filter(Boolean).join(' ')}` }]
                    : []),
                  ...(v.sentAt ? [{ key: 'sent', label: external ? 'Dicatat' : 'Dikirim', children: dateTime(v.sentAt) }] : []),
                  { key: 'upd', label: 'Diubah', children: dateTime(v.updatedAt) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      ),
    },
    ...(v.documentFileId
      ? [{ key: 'pdf', label: external ? 'Pindaian' : 'PDF', children: tab === 'pdf' ? <PdfPreview letterId={v.id} title={v.subject} /> : null }]
      : []),
    ...(external || !draftingOffice ? [] : [{
      key: 'pemeriksaan',
      label: 'Rute pemeriksaan',
      children: <ReviewRoute letter={v} names={names} />,
    }]),
    ...(external || !draftingOffice ? [] : [{
      key: 'revisi',
      label: `Revisi (${v.revision})`,
      children: revisions.error ? (
        <ErrorAlert error={revisions.error} retry={() => void revisions.refetch()} title="Revisi gagal dimuat" />
      ) : revisions.isPending ? (
        <Skeleton active />
      ) : (
        <Card size="small" title={<h2 className="card-h">Perbandingan revisi</h2>}>
          <RevisionDiff letterId={v.id} revisions={revisions.data} names={names} />
        </Card>
      ),
    }]),
    {
      key: 'riwayat',
      label: 'Riwayat',
      children: history.error ? (
        <ErrorAlert error={history.error} retry={() => void history.refetch()} title="Riwayat gagal dimuat" />
      ) : history.isPending ? (
        <Skeleton active />
      ) : history.data.length ? (
        <Timeline
          items={history.data.map((ev) => ({
            key: ev.id,
            content: (
              <>
                <strong>{label(HISTORY_ACTION, ev.action)}</strong>
                <div className="muted" style={{ fontSize: 12 }}>
                  {dateTime(ev.occurredAt)}
                  {ev.actorPositionId ? ` · ${names.position(ev.actorPositionId)}` : ev.capacity === 'SYSTEM' ? ' · Sistem' : ''}
                  {ev.capacity && !['SENDIRI', 'SYSTEM'].includes(ev.capacity) ? ` (${label(CAPACITY, ev.capacity)})` : ''}
                </div>
                <HistoryDetail ev={ev} />
              </>
            ),
          }))}
        />
      ) : (
        <Empty description="Belum ada riwayat." />
      ),
    },
    // tracking is the sending office's (the API refuses it to a recipient or a relay)
    ...(v.status === 'SENT' && draftingOffice ? [{ key: 'pengiriman', label: 'Pengiriman', children: <TrackingPanel letterId={v.id} /> }] : []),
  ];

  return (
    <div className="letter-page">
      <Link to={back.href}>‹ {back.label}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
        {v.subject}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {external ? <Tag>Surat masuk eksternal</Tag> : <Tag color={STATUS_COLOR[v.status]}>{label(LETTER_STATUS, v.status)}</Tag>}
        {v.number && <Tag>{v.number}</Tag>}
        {!external && draftingOffice && <Tag>Revisi {v.revision}</Tag>}
        {v.urgency !== 'BIASA' && <Tag color="volcano">{label(URGENCY, v.urgency)}</Tag>}
        {v.securityClass !== 'B' && <Tag color="purple">{label(SECURITY_CLASS, v.securityClass)}</Tag>}
      </Space>
      {lastReturn && (
        <Alert
          className="letter-notice"
          type="warning"
          showIcon
          title={`Dikembalikan oleh ${names.position(lastReturn.positionId)}${lastReturn.actedAt ? `, ${dateTime(lastReturn.actedAt)}` : ''}`}
          description={lastReturn.note ? `Catatan: ${lastReturn.note}` : undefined}
        />
      )}
      {myLaterStep && pending && (
        <Alert className="letter-notice" type="info" showIcon title={`Belum giliran Anda: naskah menunggu paraf ${names.position(pending.positionId)} (tahap ${pending.step}). Anda tahap ${myLaterStep.step}.`} />
      )}
      {isSigner && !myTurn && !myLaterStep && v.status === 'IN_REVIEW' && pending && (
        <Alert
          className="letter-notice"
          type="info"
          showIcon
          title={`Naskah masih diperiksa: menunggu paraf ${names.position(pending.positionId)} (tahap ${pending.step}). Anda dapat menandatanganinya setelah semua pemeriksa menyetujui.`}
        />
      )}
      {v.status === 'SIGNED' && !v.documentFileId && <Alert className="letter-notice" type="info" showIcon role="status" title="PDF bertanda tangan elektronik sedang dibuat…" />}
      {v.status === 'SIGNED' && v.documentFileId && !canSend && <Alert className="letter-notice" type="info" showIcon title="Naskah siap dikirim oleh konseptor atau pencatat surat." />}
      <DispatchState letter={v} />
      {(canSubmit || myTurn || canSign || canSend || canFile || v.documentFileId || v.verificationToken) && (
      <div className="letter-actions" role="group" aria-label="Tindakan">
        <Space wrap>
          {canSubmit && (
            <Button type="primary" icon={<SendOutlined aria-hidden />} loading={submit.isPending} onClick={() => submit.mutate()}>
              {v.status === 'RETURNED' ? 'Ajukan kembali' : 'Ajukan'}
            </Button>
          )}
          {canSubmit && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/naskah/${v.id}/ubah`)}>
              Ubah
            </Button>
          )}
          {myTurn && (
            <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setReview('APPROVE')}>
              Setujui
            </Button>
          )}
          {myTurn && (
            <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setReview('RETURN')}>
              Kembalikan
            </Button>
          )}
          {canSign && (
            <Button type="primary" icon={<SignatureOutlined aria-hidden />} onClick={() => setSigning(true)}>
              Tandatangani
            </Button>
          )}
          {canSend && (
            <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={() => setSendConfirm(true)} disabled={!v.documentFileId}>
              Kirim
            </Button>
          )}
          {v.documentFileId && <PdfButton letterId={v.id} label={external ? 'Buka pindaian' : 'Buka PDF'} />}
          {canFile && (
            <Button icon={<FolderAddOutlined aria-hidden />} onClick={() => setFiling(true)}>
              Berkaskan
            </Button>
          )}
          {v.verificationToken && (
            <a href={`/verifikasi?t=${encodeURIComponent(v.verificationToken)}`} target="_blank" rel="noopener noreferrer">
              <span className="hide-phone">Tautan verifikasi publik</span>
              <span className="show-phone">Verifikasi</span>
            </a>
          )}
        </Space>
      </div>
      )}
      <Tabs activeKey={tabItems.some((t) => t.key === tab) ? tab : 'naskah'} onChange={(k) => setParams(k === 'naskah' ? {} : { tab: k }, { replace: true, state: location.state })} items={tabItems} />
      {myTurn && <ReviewDialog letter={v} decision={review} onClose={() => setReview(null)} />}
      {(canSign || signing) && <SignDialog letter={v} open={signing} onClose={() => setSigning(false)} />}
      {canFile && <FileDialog open={filing} target={{ letterId: v.id }} onClose={() => setFiling(false)} />}
      <Modal
        open={sendConfirm}
        title="Kirim naskah"
        okText="Kirim"
        cancelText="Batal"
        confirmLoading={send.isPending}
        onOk={() => send.mutate()}
        onCancel={() => {
          setSendConfirm(false);
          setSendError(null);
        }}
      >
        {sendError && <Alert type="error" showIcon role="alert" title={sendError} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>Kirim naskah nomor {v.number} ke semua tujuan dan tembusan sesuai aturan rute?</Typography.Paragraph>
        <ul>
          {v.addressees.map((a, i) => (
            <li key={i}>
              {RECIPIENT_KIND[a.kind]}: {a.label}
            </li>
          ))}
        </ul>
      </Modal>
    </div>
  );
}

/** Where the sending stands: waiting for the dispatcher (with how long), or delivered. */
function DispatchState({ letter }: { letter: Letter }) {
  const d = letter.delivery;
  if (!d || d.state !== 'WAITING') return null;
  return (
    <Alert
      className="letter-notice"
      type={d.late ? 'warning' : 'info'}
      showIcon
      role="status"
      title={`Menunggu pengiriman sejak ${dateTime(d.since)}`}
      description={d.late ? 'Naskah terkirim otomatis begitu layanan pengiriman pulih; tidak perlu dikirim ulang.' : 'Naskah sedang diantarkan ke para tujuan.'}
    />
  );
}

function HistoryDetail({ ev }: { ev: AuditEvent }) {
  const a = (ev.after && typeof ev.after === 'object' && !Array.isArray(ev.after) ? ev.after : {}) as Record<string, unknown>;
  const b = (ev.before && typeof ev.before === 'object' && !Array.isArray(ev.before) ? ev.before : {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof a.note === 'string' && a.note) parts.push(`Catatan: ${a.note}`);
  if (typeof a.reason === 'string' && a.reason) parts.push(`Alasan: ${a.reason}`);
  if (typeof a.number === 'string' && a.number) parts.push(`Nomor: ${a.number}`);
  if (typeof a.status === 'string' && typeof b.status === 'string' && a.status !== b.status) parts.push(`${label(LETTER_STATUS, b.status)} → ${label(LETTER_STATUS, a.status)}`);
  if (ev.action === 'LETTER_REVISED' && a.revision) parts.push(`revisi ${String(a.revision)}`);
  return parts.length ? <div style={{ fontSize: 13 }}>{parts.join(' · ')}</div> : null;
}

/**
 * The back link of a letter opened without a list to return to (a bookmark, a typed address, a
 * notification): the list where this person meets the letter now.
 */
function defaultBack(r: { external: boolean; status: Letter['status']; isDrafter: boolean; isSigner: boolean; isRegistrar: boolean; myTurn: boolean }): BackTo {
  if (r.external) return { href: '/naskah-masuk', label: 'Naskah masuk' };
  if (r.myTurn) return { href: '/antrean/review', label: 'Perlu paraf' };
  if (r.isSigner && r.status === 'APPROVED') return { href: '/antrean/signature', label: 'Perlu tanda tangan' };
  if (r.isDrafter && r.status === 'RETURNED') return { href: '/antrean/returned', label: 'Dikembalikan' };
  if (r.isRegistrar && r.status === 'SIGNED') return { href: '/antrean/ready-to-send', label: 'Siap dikirim' };
  if (r.isDrafter) {
    const box = r.status === 'DRAFT' ? 'drafts' : r.status === 'SENT' ? 'sent' : 'in-review';
    return { href: `/naskah-keluar?box=${box}`, label: 'Naskah keluar' };
  }
  // the signer's boxes hold a letter only once it waits for the signature (a queue above) or is sent
  if (r.isSigner && r.status === 'SENT') return { href: '/naskah-keluar?box=sent', label: 'Naskah keluar' };
  return { href: '/beranda', label: 'Beranda' };
}
