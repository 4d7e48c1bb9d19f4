import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ApiError, messageOf, networkError } from '../api/errors';
import { api, unwrap } from '../api/client';
import { Mark } from '../shell/Mark';
import { dateTime } from '../lib/format';

interface Verdict {
  valid: boolean;
  reason?: string;
  authentic?: boolean;
  unaltered?: boolean;
  embeddedSignature?: string;
  certificateSubject?: string | null;
  certificateIssuer?: string | null;
  restricted?: boolean;
  number?: string | null;
  signedAt?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
  capacity?: string | null;
  office?: string | null;
  documentSha256?: string | null;
  keyId?: string | null;
  letterId?: string | null;
}
/** The check of the signature inside the PDF (PAdES), as the API names it. */
const EMBEDDED_TEXT: Record<string, string> = {
  VALID: 'Sah, mencakup seluruh dokumen',
  LEGACY: 'Tidak ada (naskah dibuat sebelum PDF ditandatangani di dalamnya)',
  ABSENT: 'Tidak ada',
  MALFORMED: 'Rusak / tidak dapat dibaca',
  PARTIAL: 'Tidak mencakup seluruh dokumen',
  ALTERED: 'Tidak sah: isi berubah setelah ditandatangani',
  SIGNATURE: 'Tidak sah untuk sertifikatnya',
  UNTRUSTED: 'Sertifikat tidak dipercaya',
  MISMATCH: 'Bukan tanda tangan naskah ini',
};
const CAPACITY_TEXT: Record<string, string> = { SENDIRI: 'Pejabat definitif', PLT: 'Pelaksana Tugas (Plt.)', PLH: 'Pelaksana Harian (Plh.)', AN: 'Atas nama (a.n.)' };

/** Public: is this letter genuine? By the QR code's token (?t=) or by uploading the PDF. No sign-in. */
export function VerifyPage() {
  const [params, setParams] = useSearchParams();
  const token = params.get('t') ?? '';
  const byToken = useQuery({
    queryKey: ['verify', token],
    queryFn: () => unwrap<Verdict>(api.GET('/api/verify/{token}', { params: { path: { token } } })),
    enabled: token.length > 0,
    retry: false,
  });
  const [upload, setUpload] = useState<{ verdict?: Verdict; error?: unknown; busy?: boolean }>({});
  const [file, setFile] = useState<File | null>(null);

  const sendFile = async () => {
    if (!file) {
      setUpload({ error: new ApiError(400, { message: 'Pilih berkas PDF terlebih dahulu.' }) });
      return;
    }
    setUpload({ busy: true });
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      const res = await fetch('/api/verify', { method: 'POST', body: fd });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new ApiError(res.status, body);
      setUpload({ verdict: body as Verdict });
    } catch (err) {
      setUpload({ error: err instanceof ApiError ? err : networkError() });
    }
  };

  return (
    <main className="naskah-content" style={{ maxWidth: 760 }}>
      <div style={{ margin: '8px 0 16px' }}>
        <Mark />
      </div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Verifikasi naskah
      </Typography.Title>
      <Typography.Paragraph>
        Periksa keaslian naskah dinas KPU yang ditandatangani secara elektronik: pindai kode QR pada naskah (membuka halaman ini dengan tautannya), tempel tautan/kodenya, atau unggah berkas PDF-nya.
      </Typography.Paragraph>
      {token && (
        <section aria-labelledby="hasil-token" style={{ marginBottom: 24 }}>
          <h2 id="hasil-token" className="sr-only-text">
            Hasil verifikasi tautan
          </h2>
          {byToken.isPending ? <Card loading /> : byToken.error ? <Failure error={byToken.error} /> : <VerdictCard v={byToken.data} />}
        </section>
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Dengan tautan atau kode QR</h2>} size="small" style={{ marginBottom: 16 }}>
        <Form
          layout="vertical"
          initialValues={{ t: token }}
          onFinish={(v: { t: string }) => {
            const raw = v.t.trim();
            const t = /[?&]t=([^&]+)/.exec(raw)?.[1] ?? raw;
            setParams(t ? { t } : {});
          }}
        >
          <Form.Item name="t" label="Tautan atau kode verifikasi" rules={[{ required: true, whitespace: true, message: 'Isi tautan atau kode verifikasi.' }]}>
            <Input placeholder="https://…/verifikasi?t=… atau kodenya saja" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            Periksa
          </Button>
        </Form>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>Dengan berkas PDF</h2>} size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Upload
            accept="application/pdf,.pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined aria-hidden />}>Pilih berkas PDF</Button>
          </Upload>
          <Button type="primary" onClick={sendFile} loading={upload.busy}>
            Periksa berkas
          </Button>
          {upload.error ? <Failure error={upload.error} /> : null}
          {upload.verdict && <VerdictCard v={upload.verdict} />}
        </Space>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        Tanda tangan elektronik tidak tersertifikasi. <a href="/masuk">Masuk ke Naskah</a>
      </Typography.Paragraph>
    </main>
  );
}

function Failure({ error }: { error: unknown }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return <Alert type="error" showIcon role="alert" title={notFound ? 'Naskah tidak ditemukan' : 'Verifikasi gagal'} description={messageOf(error)} />;
}

function VerdictCard({ v }: { v: Verdict }) {
  const yes = (b?: boolean) => (b ? 'Ya' : 'Tidak');
  const rows = [
    { key: 'a', label: 'Tanda tangan asli', children: yes(v.authentic) },
    { key: 'u', label: 'Isi dokumen utuh', children: yes(v.unaltered) },
    v.embeddedSignature && { key: 'e', label: 'Tanda tangan di dalam PDF', children: EMBEDDED_TEXT[v.embeddedSignature] ?? v.embeddedSignature },
    v.certificateSubject && { key: 'cs', label: 'Sertifikat penanda tangan', children: v.certificateSubject },
    v.certificateIssuer && { key: 'ci', label: 'Penerbit sertifikat', children: v.certificateIssuer },
    v.number && { key: 'n', label: 'Nomor naskah', children: v.number },
    v.signedAt && { key: 's', label: 'Ditandatangani', children: dateTime(v.signedAt) },
    v.signerName && { key: 'sn', label: 'Penandatangan', children: v.signerName },
    v.signerTitle && { key: 'st', label: 'Jabatan', children: v.signerTitle },
    v.capacity && { key: 'c', label: 'Kapasitas', children: CAPACITY_TEXT[v.capacity] ?? v.capacity },
    v.office && { key: 'o', label: 'Satuan kerja', children: v.office },
    v.documentSha256 && { key: 'h', label: 'SHA-256 dokumen', children: <code style={{ wordBreak: 'break-all' }}>{v.documentSha256}</code> },
    v.keyId && { key: 'k', label: 'ID kunci', children: <code>{v.keyId}</code> },
  ].filter(Boolean) as { key: string; label: string; children: React.ReactNode }[];
  return (
    <div role="status">
      <Result
        status={v.valid ? 'success' : 'error'}
        title={v.valid ? 'SAH — dokumen utuh dan tanda tangan cocok' : 'TIDAK SAH / TIDAK DAPAT DIVERIFIKASI'}
        subTitle={v.reason}
        style={{ padding: '16px 0' }}
      />
      <Descriptions column={1} size="small" bordered items={rows} />
      {v.restricted && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          Naskah ini berklasifikasi Rahasia atau Sangat Rahasia: rinciannya tidak ditampilkan di halaman publik.
        </Typography.Paragraph>
      )}
    </div>
  );
}
