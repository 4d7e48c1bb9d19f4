import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../api/errors';
import { formFieldErrors } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { safeNext } from '../auth/RequireAuth';
import { Mark } from '../shell/Mark';

export function SignInPage() {
  const { status, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('kembali'));
  if (status === 'signed-in') return <Navigate to={next} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(v.username.trim(), v.password);
      navigate(next, { replace: true });
    } catch (err) {
      const fields = formFieldErrors(err, ['username', 'password']);
      if (fields.length) form.setFields(fields as never);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page">
      <Card className="sign-in-card">
        <div style={{ marginBottom: 16 }}>
          <Mark />
        </div>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          Masuk
        </Typography.Title>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="Nama pengguna" name="username" rules={[{ required: true, whitespace: true, message: 'Isi nama pengguna.' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Kata sandi" name="password" rules={[{ required: true, message: 'Isi kata sandi.' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Masuk
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <a href="/verifikasi">Verifikasi keaslian naskah</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
