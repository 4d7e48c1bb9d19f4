import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { formFieldErrors, messageOf } from '../api/errors';
import { ok, letterKey, type Letter } from './api';

export type ReviewDecision = 'APPROVE' | 'RETURN';

/**
 * Paraf (approve) or return to the drafter with a note. The API decides whether it is this
 * person's turn; its answer is shown in the dialog, which stays open with what was typed.
 */
export function ReviewDialog({ letter, decision, onClose }: { letter: Letter; decision: ReviewDecision | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const returning = decision === 'RETURN';
  const m = useMutation({
    mutationFn: (v: { note?: string }) =>
      ok(
        api.POST('/api/letters/{id}/review', {
          params: { path: { id: letter.id } },
          body: { decision: decision!, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      ),
    onSuccess: (fresh) => {
      qc.setQueryData(letterKey(letter.id), fresh);
      void qc.invalidateQueries({ queryKey: ['letter', letter.id] });
      void qc.invalidateQueries({ queryKey: ['counters'] });
      void qc.invalidateQueries({ queryKey: ['outbox'] });
      message.success(returning ? 'Naskah dikembalikan ke konseptor.' : fresh.status === 'APPROVED' ? 'Naskah diparaf; kini menunggu tanda tangan.' : 'Naskah diparaf; diteruskan ke pemeriksa berikutnya.');
      form.resetFields();
      setError(null);
      onClose();
    },
    onError: (err) => {
      form.setFields(formFieldErrors(err, ['note']) as never);
      setError(messageOf(err));
    },
  });
  return (
    <Modal
      open={decision !== null}
      title={returning ? 'Kembalikan ke konseptor' : 'Setujui (paraf) naskah'}
      okText={returning ? 'Kembalikan' : 'Setujui'}
      okButtonProps={{ danger: returning }}
      cancelText="Batal"
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      forceRender
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph className="muted">
        {returning
          ? 'Naskah kembali ke konseptor untuk diperbaiki; tuliskan apa yang perlu diubah.'
          : 'Dengan menyetujui, Anda memberi paraf pada revisi ini. Naskah diteruskan ke pemeriksa berikutnya atau ke penandatangan.'}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          m.mutate(v);
        }}
      >
        <Form.Item
          name="note"
          label={returning ? 'Catatan perbaikan' : 'Catatan (opsional)'}
          rules={[...(returning ? [{ required: true, whitespace: true, message: 'Isi catatan perbaikan untuk konseptor.' }] : []), { max: 2000, message: 'Maksimal 2000 karakter.' }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
