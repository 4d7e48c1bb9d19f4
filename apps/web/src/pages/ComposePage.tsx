import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Row, Select, Skeleton, Space, TreeSelect, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { api, unwrap } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { useLetterTypes } from '../components/master';
import { LETTER_STATUS, SECURITY_CLASS, URGENCY, label } from '../labels';
import { BodyEditor } from '../compose/BodyEditor';
import { Attachments, type Attachment } from '../compose/Attachments';
import { Recipients } from '../compose/Recipients';
import { Reviewers, SignerSelect } from '../compose/Reviewers';
import { RoutePreview } from '../compose/RoutePreview';
import { Appendices, TypeFields } from '../compose/TypeFields';
import { apiFieldErrors, indonesian } from '../compose/api-fields';
import { fromLetter, initialValues, isEmptyDoc, toPayload, toPlainBody, type BodyDoc, type ComposeValues, type LetterView, type Recipient } from '../compose/content';
import { recipientLabel, useClassifications, useDistributionLists, useEligibleParticipants, useOffices, usePositions, type Classification, type EligiblePosition, type Position } from '../compose/directory';
import { SignatureBlock } from '../compose/SignatureBlock';
import { CLOSING_TYPES } from '../compose/signature-preview';
import '../compose/compose.css';

const EDITABLE = ['DRAFT', 'RETURNED'];

/** /naskah/baru and /naskah/:id/ubah — compose a letter or edit a draft (issue 13, naskah keluar). */
export function ComposePage() {
  const { id } = useParams();
  // a letter created by this form stays in the same form when the address becomes /naskah/:id/ubah
  // (no remount: what is typed while the first save is on its way is kept)
  const createdHere = useRef<string | null>(null);
  const letter = useQuery({
    queryKey: ['letters', id],
    enabled: !!id,
    queryFn: () => unwrap<LetterView>(api.GET('/api/letters/{id}', { params: { path: { id: id! } } })),
    staleTime: Infinity, // the form holds the draft; a reload is asked for explicitly
    refetchOnWindowFocus: false,
  });
  const title = id ? 'Ubah konsep naskah' : 'Buat naskah';
  if (id && letter.isPending) {
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>{title}</Typography.Title>
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }
  if (id && letter.isError) {
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>{title}</Typography.Title>
        <ErrorAlert error={letter.error} retry={() => void letter.refetch()} title="Naskah tidak dapat dimuat" />
        <Link to="/naskah-keluar">Kembali ke naskah keluar</Link>
      </>
    );
  }
  if (letter.data && !EDITABLE.includes(letter.data.status)) {
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>{letter.data.subject}</Typography.Title>
        <Alert type="info" showIcon title={`Naskah ini berstatus ${label(LETTER_STATUS, letter.data.status).toLowerCase()} dan tidak dapat diubah lagi.`} />
        <p style={{ marginTop: 16 }}>
          <Link to="/naskah-keluar">Kembali ke naskah keluar</Link>
        </p>
      </>
    );
  }
  const key = !letter.data || letter.data.id === createdHere.current ? 'baru' : letter.data.id;
  return <ComposeForm key={key} letter={key === 'baru' ? undefined : letter.data} onCreated={(created) => (createdHere.current = created)} />;
}

interface ClsNode {
  value: string;
  title: string;
  selectable: boolean;
  children?: ClsNode[];
}
function classificationTree(items: Classification[]): ClsNode[] {
  const nodes = new Map<string, ClsNode>(items.map((c) => [c.code, { value: c.code, title: `${c.code} — ${c.title}`, selectable: true }]));
  const roots: ClsNode[] = [];
  for (const c of items) {
    const n = nodes.get(c.code)!;
    const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  for (const n of nodes.values()) if (n.children?.length) n.selectable = false; // the lowest code only
  return roots;
}

function BodyField(props: { value?: BodyDoc; onChange?: (d: BodyDoc) => void; id: string; editorKey: number }) {
  const { status } = Form.Item.useStatus();
  return <BodyEditor key={props.editorKey} id={props.id} value={props.value} onChange={props.onChange} invalid={status === 'error'} describedBy={status === 'error' ? 'bodyDoc_help' : undefined} />;
}

function ComposeForm({ letter, onCreated }: { letter?: LetterView; onCreated: (id: string) => void }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ComposeValues>();
  const initial = useMemo(() => (letter ? fromLetter(letter) : initialValues()), [letter]);

  const [letterId, setLetterId] = useState(letter?.id);
  const [savedSubject, setSavedSubject] = useState(letter?.subject);
  const version = useRef(letter?.version);
  const [attachments, setAttachments] = useState<Attachment[]>(letter?.attachments ?? []);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [banner, setBanner] = useState<{ error: unknown; extra: string[]; title?: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [previousText, setPreviousText] = useState<string | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const dirty = useRef(false);
  const [isDirty, setIsDirty] = useState(false);
  const markDirty = (v: boolean) => {
    dirty.current = v;
    setIsDirty(v);
  };

  const types = useLetterTypes();
  const offices = useOffices();
  const lists = useDistributionLists();
  const classifications = useClassifications();
  const typeCode = Form.useWatch('typeCode', form) ?? initial.typeCode;
  const recipients = (Form.useWatch('recipients', form) ?? initial.recipients) as Recipient[];
  const [seen, setSeen] = useState<Map<number, Position>>(new Map());
  const onPositionsSeen = useCallback((ps: Position[]) => setSeen((m) => (ps.every((p) => m.has(p.id)) ? m : new Map([...m, ...ps.map((p) => [p.id, p] as const)]))), []);
  const named = usePositions(recipients.filter((r) => r.positionId && !seen.has(r.positionId)).map((r) => r.positionId!));
  const positions = useMemo(() => new Map([...seen, ...named]), [seen, named]);
  const labelOf = (r: Recipient) => recipientLabel(r, { offices: offices.data, positions, lists: lists.data });
  const tree = useMemo(() => classificationTree(classifications.data?.items ?? []), [classifications.data]);
  const typeName = types.data?.find((t) => t.code === typeCode)?.name ?? '';
  const bodyRequired = types.data?.find((t) => t.code === typeCode)?.bodyRequired ?? true;

  // reviewers, signers and a.n./u.b. as the API lists them (the rule save and submit apply)
  const signerId = Form.useWatch('signerPositionId', form) ?? initial.signerPositionId;
  const reviewerIds = (Form.useWatch('reviewerPositionIds', form) ?? initial.reviewerPositionIds) as number[];
  // `preserve`: the u.b. input is not shown while the signer's options load, its value still counts
  const onBehalfOfId = Form.useWatch(['typeFields', 'onBehalfOfPositionId'], { form, preserve: true }) as number | undefined;
  const throughId = Form.useWatch(['typeFields', 'throughPositionId'], { form, preserve: true }) as number | undefined;
  const closing = Form.useWatch(['typeFields', 'closing'], { form, preserve: true }) as string | undefined;
  const eligible = useEligibleParticipants(letterId);
  const signer = eligible.data?.signers.find((p) => p.id === signerId);
  const lines = useEligibleParticipants(letterId, signerId, !!signer);
  const linesFor = lines.data?.signerPositionId === signerId ? lines.data : undefined;
  // names of positions once listed (a.n./u.b. cleared after the signer changed are named by them)
  const seenNames = useRef(new Map<number, EligiblePosition>());
  for (const p of [...(eligible.data?.reviewers ?? []), ...(eligible.data?.signers ?? []), ...(linesFor?.onBehalfOf.flatMap((o) => [o, ...o.through]) ?? [])]) seenNames.current.set(p.id, p);
  const signerKnown = usePositions(signerId && eligible.data && !signer ? [signerId] : []);
  const chosenReviewers = usePositions(reviewerIds.filter((id) => eligible.data && !eligible.data.reviewers.some((p) => p.id === id)));
  const knownPositions = new Map<number, { id: number; title: string; kind: string; holder?: { fullName: string } | null }>([...seenNames.current, ...chosenReviewers, ...signerKnown]);
  const [linesNotice, setLinesNotice] = useState<string | null>(null);
  // "Hormat kami," belongs to surat to outside parties: another type drops it (its input is not shown there)
  useEffect(() => {
    if (typeCode && !CLOSING_TYPES.includes(typeCode) && form.getFieldValue(['typeFields', 'closing']) !== undefined) form.setFieldValue(['typeFields', 'closing'], undefined);
  }, [typeCode, form]);
  useEffect(() => {
    if (!linesFor || !signer) return;
    const title = (id: number) => seenNames.current.get(id)?.title ?? 'jabatan terpilih';
    const an = linesFor.onBehalfOf.find((o) => o.id === onBehalfOfId);
    if (onBehalfOfId !== undefined && !an) {
      form.setFieldValue(['typeFields', 'onBehalfOfPositionId'], undefined);
      form.setFieldValue(['typeFields', 'throughPositionId'], undefined);
      markDirty(true);
      const cleared = `a.n. ${title(onBehalfOfId)}${throughId !== undefined ? ` dan u.b. ${title(throughId)}` : ''} dihapus`;
      setLinesNotice(
        onBehalfOfId === signer.id
          ? `${cleared}: ${signer.title} kini penandatangan sendiri.`
          : `${cleared}: bukan atasan ${signer.title}, penandatangan yang dipilih. Pilih kembali bila perlu.`,
      );
    } else if (throughId !== undefined && !an?.through.some((t) => t.id === throughId)) {
      form.setFieldValue(['typeFields', 'throughPositionId'], undefined);
      markDirty(true);
      setLinesNotice(
        throughId === signer.id
          ? `u.b. ${title(throughId)} dihapus: ${signer.title} kini penandatangan sendiri.`
          : `u.b. ${title(throughId)} dihapus: bukan jabatan di antara ${an?.title ?? 'a.n.'} dan ${signer.title}. Pilih kembali bila perlu.`,
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linesFor, signer, onBehalfOfId, throughId]);

  // unsaved changes: in-app navigation asks (React Router blocker), closing or reloading the tab too
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: 'Tinggalkan halaman ini?',
      content: 'Perubahan pada naskah ini belum disimpan dan akan hilang.',
      okText: 'Tinggalkan',
      okButtonProps: { danger: true },
      cancelText: 'Tetap di sini',
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal]);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const showErrors = (err: unknown, title?: string) => {
    const { fields, rest } = apiFieldErrors(err);
    if (fields.length) {
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      form.scrollToField(fields[0].name as never, { block: 'center', focus: true });
    }
    // what is said at a field is not repeated in English above the form
    setBanner({ error: fields.length ? new Error('Periksa kembali isian yang ditandai.') : err, extra: rest, title });
  };

  /** Create or update (with the version read); the saved id, or null when it did not save. */
  const save = async (): Promise<string | null> => {
    setBanner(null);
    try {
      await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', focus: true });
      setBanner({ error: new Error('Periksa kembali isian yang ditandai.'), extra: [] });
      return null;
    }
    const values = form.getFieldsValue(true) as ComposeValues;
    const payload = toPayload(values);
    try {
      const saved = letterId
        ? await unwrap<LetterView>(api.PATCH('/api/letters/{id}', { params: { path: { id: letterId } }, body: { ...payload, version: version.current! } }))
        : await unwrap<LetterView>(api.POST('/api/letters', { body: payload }));
      setSavedSubject(saved.subject);
      version.current = saved.version;
      markDirty(false);
      setConflict(false);
      if (!letterId) {
        onCreated(saved.id);
        setLetterId(saved.id);
        qc.setQueryData(['letters', saved.id], saved);
        navigate(`/naskah/${saved.id}/ubah`, { replace: true });
      } else qc.setQueryData(['letters', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['letter', saved.id] });
      void qc.invalidateQueries({ queryKey: ['outbox'] });
      return saved.id;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && (err.code === 'STALE_VERSION' || err.code === 'VERSION_CONFLICT')) {
        setConflict(true);
        return null;
      }
      showErrors(err);
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    try {
      if (await save()) message.success('Konsep naskah disimpan.');
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    setBusy('submit');
    try {
      const id = dirty.current || !letterId ? await save() : letterId;
      if (!id) return;
      try {
        await unwrap<LetterView>(api.POST('/api/letters/{id}/submit', { params: { path: { id } } }));
      } catch (err) {
        showErrors(err, 'Naskah tersimpan sebagai konsep, tetapi belum dapat diajukan');
        return;
      }
      markDirty(false);
      void qc.invalidateQueries({ queryKey: ['outbox'] });
      qc.removeQueries({ queryKey: ['letters', id] });
      void qc.invalidateQueries({ queryKey: ['letter', id] }); // the letter page reads it fresh
      message.success('Naskah diajukan untuk diperiksa.');
      navigate(`/naskah/${id}`);
    } finally {
      setBusy(null);
    }
  };

  /** 409: load what the other person saved; the user's own body text stays on screen to copy from. */
  const reloadLatest = async () => {
    if (!letterId) return;
    try {
      const latest = await unwrap<LetterView>(api.GET('/api/letters/{id}', { params: { path: { id: letterId } } }));
      setPreviousText(toPlainBody((form.getFieldsValue(true) as ComposeValues).bodyDoc));
      qc.setQueryData(['letters', letterId], latest);
      setSavedSubject(latest.subject);
      form.resetFields();
      form.setFieldsValue(fromLetter(latest));
      version.current = latest.version;
      setAttachments(latest.attachments);
      setEditorKey((k) => k + 1);
      setConflict(false);
      markDirty(false);
      setBanner(null);
    } catch (err) {
      setBanner({ error: err, extra: [] });
    }
  };

  const heading = letterId ? `Ubah konsep: ${savedSubject ?? ''}` : 'Buat naskah';
  return (
    <div className="naskah-compose">
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>{heading}</Typography.Title>
      {letter?.status === 'RETURNED' && <Alert type="warning" showIcon title="Naskah dikembalikan pemeriksa" description={letter.reviews.filter((r) => r.decision === 'RETURN').at(-1)?.note ?? undefined} style={{ marginBottom: 16 }} />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title="Naskah telah diubah orang lain"
          description="Isian Anda belum disimpan dan tetap ada di halaman ini. Muat ulang versi terbaru untuk melanjutkan; teks isi Anda akan ditampilkan agar dapat disalin kembali."
          action={<Button onClick={() => void reloadLatest()}>Muat ulang versi terbaru</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {previousText !== null && (
        <Alert
          type="info"
          title="Teks isi Anda sebelum dimuat ulang"
          description={<Input.TextArea value={previousText} readOnly rows={6} aria-label="Teks isi Anda sebelum dimuat ulang" />}
          closable={{ 'aria-label': 'Tutup teks sebelumnya' }}
          onClose={() => setPreviousText(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      {banner && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={banner.title ?? 'Naskah belum tersimpan'}
          description={
            <>
              {indonesian(messageOf(banner.error))}
              {banner.extra.map((x) => (
                <div key={x}>{x}</div>
              ))}
            </>
          }
          closable={{ 'aria-label': 'Tutup pesan' }}
          onClose={() => setBanner(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<ComposeValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={() => markDirty(true)}
        scrollToFirstError={false}
        aria-label={heading}
      >
        <section aria-labelledby="bagian-jenis" className="naskah-section">
          <Typography.Title level={2} id="bagian-jenis" className="naskah-section-title">
            Jenis naskah
          </Typography.Title>
          <Form.Item name="typeCode" label="Jenis naskah" rules={[{ required: true, message: 'Pilih jenis naskah' }]} extra={!typeCode ? 'Jenis menentukan isian naskah: pilih terlebih dahulu.' : undefined}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="Pilih jenis naskah"
              loading={types.isPending}
              options={(types.data ?? []).map((t) => ({ value: t.code, label: t.name }))}
              notFoundContent={types.isError ? 'Daftar jenis naskah gagal dimuat' : undefined}
            />
          </Form.Item>
        </section>

        {typeCode && (
          <Row gutter={16}>
            <Col xs={24} xl={15}>
              <section aria-labelledby="bagian-naskah" className="naskah-section">
                <Typography.Title level={2} id="bagian-naskah" className="naskah-section-title">
                  Naskah
                </Typography.Title>
                <Form.Item name="subject" label="Hal" rules={[{ required: true, whitespace: true, message: 'Hal wajib diisi' }]}>
                  <Input maxLength={500} placeholder="Perihal naskah" />
                </Form.Item>
                <Form.Item name="summary" label="Ringkasan" extra="Untuk daftar dan pencarian; tidak dicetak.">
                  <Input.TextArea rows={2} maxLength={5000} />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name="securityClass" label="Klasifikasi keamanan" rules={[{ required: true }]}>
                      <Select options={Object.entries(SECURITY_CLASS).map(([value, l]) => ({ value, label: l }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="urgency" label="Sifat (kesegeraan)" rules={[{ required: true }]}>
                      <Select options={Object.entries(URGENCY).map(([value, l]) => ({ value, label: l }))} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="classificationCode" label="Kode klasifikasi arsip" rules={[{ required: true, message: 'Pilih kode klasifikasi' }]} extra="Ketik kode atau judul; pilih kode terendah.">
                  <TreeSelect
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    treeData={tree}
                    placeholder="Cari kode klasifikasi, mis. PY.01 atau pemutakhiran"
                    loading={classifications.isPending}
                    popupMatchSelectWidth={false}
                    styles={{ popup: { root: { maxWidth: 'min(640px, 95vw)' } } }}
                    listHeight={360}
                    notFoundContent={classifications.isError ? 'Daftar klasifikasi gagal dimuat' : 'Tidak ditemukan'}
                  />
                </Form.Item>
                <Form.Item
                  name="bodyDoc"
                  label="Isi naskah"
                  required={bodyRequired}
                  htmlFor="isi-naskah"
                  rules={bodyRequired ? [{ validator: async (_, v?: BodyDoc) => (v && !isEmptyDoc(v) ? undefined : Promise.reject(new Error('Isi naskah wajib diisi'))) }] : []}
                  extra={bodyRequired ? undefined : `Tidak wajib untuk ${typeName}: isinya diisi pada bagian ${typeName} di bawah; teks di sini dicetak sesudahnya.`}
                  help={undefined}
                >
                  <BodyField id="isi-naskah" editorKey={editorKey} />
                </Form.Item>
              </section>

              <TypeFields typeCode={typeCode} typeName={typeName} />

              <section aria-labelledby="bagian-lampiran" className="naskah-section">
                <Typography.Title level={2} id="bagian-lampiran" className="naskah-section-title">
                  Lampiran
                </Typography.Title>
                <Form.Item label="Halaman lampiran (dicetak setelah naskah)">
                  <Appendices />
                </Form.Item>
                <Form.Item label="Lampiran berkas">
                  <Attachments
                    letterId={letterId}
                    items={attachments}
                    onItems={setAttachments}
                    onVersionBump={() => (version.current = (version.current ?? 0) + 1)}
                    editable
                  />
                </Form.Item>
              </section>
            </Col>

            <Col xs={24} xl={9}>
              <section aria-labelledby="bagian-tujuan" className="naskah-section">
                <Typography.Title level={2} id="bagian-tujuan" className="naskah-section-title">
                  Tujuan dan tembusan
                </Typography.Title>
                <Form.Item name="recipients" label="Tujuan (Kepada) dan tembusan" required htmlFor="cari-tujuan" rules={[{ validator: async (_, v?: Recipient[]) => (v?.some((r) => r.kind === 'TO') ? undefined : Promise.reject(new Error('Tambahkan minimal satu tujuan (Kepada)'))) }]}>
                  <Recipients offices={offices.data} positions={positions} onPositionsSeen={onPositionsSeen} />
                </Form.Item>
                <RoutePreview recipients={recipients} labelOf={labelOf} />
              </section>

              <section aria-labelledby="bagian-pemeriksa" className="naskah-section">
                <Typography.Title level={2} id="bagian-pemeriksa" className="naskah-section-title">
                  Pemeriksa dan penandatangan
                </Typography.Title>
                {eligible.isError && <ErrorAlert error={eligible.error} retry={() => void eligible.refetch()} title="Daftar pemeriksa dan penandatangan gagal dimuat" />}
                <Form.Item name="reviewerPositionIds" label="Pemeriksa (berurutan)" extra={`Jabatan di ${me?.office?.name ?? 'satker Anda'}; paraf satu per satu sesuai urutan.`}>
                  <Reviewers candidates={eligible.data?.reviewers ?? []} known={knownPositions} loading={eligible.isPending} />
                </Form.Item>
                <Form.Item name="signerPositionId" label="Penandatangan" rules={[{ required: true, message: 'Pilih penandatangan' }]} extra="Ketua, Sekretaris/Sekretaris Jenderal, Kepala Biro atau Kepala Bagian di satker Anda.">
                  <SignerSelect candidates={eligible.data?.signers ?? []} known={knownPositions} loading={eligible.isPending} />
                </Form.Item>
                <SignatureBlock
                  typeCode={typeCode}
                  officeName={me?.office?.name}
                  signer={signer}
                  options={linesFor?.onBehalfOf ?? []}
                  loading={!!signer && !linesFor}
                  onBehalfOfId={onBehalfOfId}
                  throughId={throughId}
                  closing={closing}
                  notice={linesNotice}
                  onNoticeClose={() => setLinesNotice(null)}
                />
              </section>
            </Col>
          </Row>
        )}

        <div className="naskah-actions" role="group" aria-label="Tindakan naskah">
          <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => void onSave()} loading={busy === 'save'} disabled={!!busy || !typeCode}>
            Simpan konsep
          </Button>
          <Button icon={<SendOutlined aria-hidden />} loading={busy === 'submit'} disabled={!!busy || !typeCode} onClick={() => void onSubmit()}>
            <span>
              Ajukan<span className="naskah-hide-phone"> untuk diperiksa</span>
            </span>
          </Button>
          <Button type="text" onClick={() => navigate('/naskah-keluar')}>
            Batal
          </Button>
          <Space style={{ marginLeft: 'auto' }} className="naskah-actions-status">
            <Typography.Text type="secondary" aria-live="polite">
              {isDirty ? 'Ada perubahan yang belum disimpan' : letterId ? 'Semua perubahan tersimpan' : ''}
            </Typography.Text>
          </Space>
        </div>
      </Form>
    </div>
  );
}
