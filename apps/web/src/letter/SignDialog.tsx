import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { dateTime } from '../lib/format';
import { ok, letterKey, type Letter } from './api';
import { PdfButton } from './PdfButton';

/**
 * The capacity the API will sign in: the signer's own position, or a Plt/Plh of it held today
 * (the API decides from the same delegations; "a.n." is printed by the letter's type and template).
 */
export function useSigningCapacity(signerPositionId: number): { kind: 'SENDIRI' | 'PLT' | 'PLH' | null; text: string } {
  const { me } = useAuth();
  if (me?.position?.id === signerPositionId) return { kind: 'SENDIRI', text: `${me.position.title} (jabatan sendiri)` };
  const d = me?.delegations.find((x) => x.positionId === signerPositionId);
  if (d) return { kind: d.kind, text: `${d.kind === 'PLT' ? 'Plt.' : 'Plh.'} ${d.positionTitle}` };
  return { kind: null, text: '—' };
}

/**
 * Signing: the signer confirms with their password (the API checks it under the sign-in limits).
 * A wrong password keeps the dialog open with the error at the field; past the limit the wait the
 * API gives (Retry-After) is counted down. Signed: the number, then the PDF once it is rendered.
 */
export function SignDialog({ letter, open, onClose }: { letter: Letter; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const capacity = useSigningCapacity(letter.signerPositionId);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [signed, setSigned] = useState<Letter | null>(null);

  useEffect(() => {
    if (!waitUntil) return;
    const t = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= waitUntil) {
        setWaitUntil(null);
        setError('Waktu tunggu selesai; silakan masukkan kata sandi lagi.');
      }
    }, 1000);
    return () => clearInterval(t);
  }, [waitUntil]);
  const waitLeft = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0;

  // after signing, the worker renders the PDF: the letter is read again until its document exists
  const rendered = useQuery({
    queryKey: letterKey(letter.id),
    queryFn: () => ok(api.GET('/api/letters/{id}', { params: { path: { id: letter.id } } })),
    enabled: Boolean(signed),
    refetchInterval: (q) => (q.state.data?.documentFileId ? false : 1500),
  });
  const doc = signed ? (rendered.data?.documentFileId ? rendered.data : null) : null;

  const m = useMutation({
    mutationFn: (v: { password: string }) => ok(api.POST('/api/letters/{id}/sign', { params: { path: { id: letter.id } }, body: { password: v.password } })),
    onSuccess: (fresh) => {
      setError(null);
      setSigned(fresh);
      form.resetFields();
      qc.setQueryData(letterKey(letter.id), fresh);
      void qc.invalidateQueries({ queryKey: ['counters'] });
      void qc.invalidateQueries({ queryKey: ['outbox'] });
      message.success(`Naskah ditandatangani dengan nomor ${fresh.number ?? ''}.`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 429) {
        const s = err.retryAfterSeconds ?? 30;
        setWaitUntil(Date.now() + s * 1000);
        setNow(Date.now());
        setError(`Terlalu banyak percobaan kata sandi. Coba lagi dalam ${s} detik.`);
        return;
      }
      if (err instanceof ApiError && err.code === 'PASSWORD_CONFIRMATION_FAILED') {
        form.setFields([{ name: 'password', errors: ['Kata sandi salah.'] }]);
      }
      setError(messageOf(err));
    },
  });

  const close = () => {
    setError(null);
    setSigned(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={signed ? 'Naskah ditandatangani' : 'Tandatangani naskah'}
      onCancel={close}
      forceRender
      footer={
        signed ? (
          <Button type="primary" onClick={close}>
            Selesai
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>Batal</Button>
            <Button type="primary" onClick={() => form.submit()} loading={m.isPending} disabled={waitLeft > 0}>
              Tandatangani
            </Button>
          </Space>
        )
      }
    >
      {signed ? (
        <Result
          status="success"
          title={`Nomor naskah: ${signed.number ?? '—'}`}
          subTitle={`Ditandatangani ${dateTime(signed.signedAt)}${capacity.kind && capacity.kind !== 'SENDIRI' ? ` sebagai ${capacity.text}` : ''}.`}
          extra={
            doc ? (
              <Space orientation="vertical">
                <PdfButton letterId={letter.id} label="Pratinjau PDF" />
                <Typography.Text type="secondary">Naskah siap dikirim.</Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="secondary" role="status">
                PDF bertanda tangan elektronik sedang dibuat…
              </Typography.Text>
            )
          }
        />
      ) : (
        <>
          {error && (
            <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={waitLeft > 0 ? `Terlalu banyak percobaan kata sandi. Coba lagi dalam ${waitLeft} detik.` : error} />
          )}
          <Descriptions
            column={1}
            size="small"
            style={{ marginBottom: 12 }}
            items={[
              { key: 'hal', label: 'Hal', children: letter.subject },
              { key: 'as', label: 'Menandatangani sebagai', children: capacity.text },
            ]}
          />
          <Typography.Paragraph className="muted">
            Tanda tangan elektronik tidak tersertifikasi. Nomor naskah diberikan saat Anda menandatangani. Masukkan kata sandi Anda untuk konfirmasi.
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => {
              setError(null);
              m.mutate(v);
            }}
          >
            {/* the username field lets password managers pair the saved password with this account */}
            <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
            <Form.Item name="password" label="Kata sandi" rules={[{ required: true, message: 'Isi kata sandi Anda.' }]}>
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
