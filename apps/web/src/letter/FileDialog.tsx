import { useState } from 'react';
import { Alert, App, Form, Modal, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { ok } from './api';

type Ref = { letterId: string } | { deliveryId: string };

/**
 * Filing a letter into a dossier (berkas) of the office: the dossiers the API suggests (same
 * classification, same unit, open) first, or any open dossier found by its title. The dialog stays
 * open with the API's answer when filing is refused.
 */
export function FileDialog({ open, target, onClose }: { open: boolean; target: Ref; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const key = 'letterId' in target ? `l${target.letterId}` : `d${target.deliveryId}`;
  const sug = useQuery({
    queryKey: ['dossier-suggest', key],
    queryFn: () => ok(api.GET('/api/records/dossiers/suggest', { params: { query: target } })),
    enabled: open,
  });
  const found = useQuery({
    queryKey: ['dossiers', 'active', search],
    queryFn: () => ok(api.GET('/api/records/dossiers', { params: { query: { status: 'ACTIVE', q: search || undefined, limit: 20 } } })),
    enabled: open,
  });
  const suggestions = sug.data?.suggestions ?? [];
  const picked = choice ?? suggestions[0]?.id;
  const others = (found.data?.items ?? []).filter((d) => !suggestions.some((s) => s.id === d.id));

  const m = useMutation({
    mutationFn: (dossierId: string) => ok(api.POST('/api/records/dossiers/{id}/items', { params: { path: { id: dossierId } }, body: target })),
    onSuccess: (r) => {
      const title = suggestions.find((s) => s.id === r.dossierId)?.title ?? found.data?.items.find((d) => d.id === r.dossierId)?.title ?? `#${r.dossierId}`;
      message.success(`Naskah diberkaskan ke berkas "${title}".`);
      setError(null);
      void qc.invalidateQueries({ queryKey: ['counters'] });
      void qc.invalidateQueries({ queryKey: ['letter'] });
      onClose();
    },
    onError: (err) => setError(messageOf(err)),
  });

  return (
    <Modal
      open={open}
      title="Berkaskan ke berkas"
      okText="Berkaskan"
      cancelText="Batal"
      okButtonProps={{ disabled: !picked }}
      confirmLoading={m.isPending}
      onOk={() => {
        if (!picked) return setError('Pilih berkas.');
        setError(null);
        m.mutate(picked);
      }}
      onCancel={() => {
        setError(null);
        onClose();
      }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {sug.error ? (
        <ErrorAlert error={sug.error} retry={() => void sug.refetch()} title="Saran berkas gagal dimuat" />
      ) : sug.isPending ? (
        <Skeleton active />
      ) : (
        <Form layout="vertical">
          <Typography.Paragraph className="muted">
            Kode klasifikasi arsip: {sug.data.record?.classificationCode ?? '—'}. Berkas terbuka satker Anda yang cocok ditampilkan lebih dulu.
          </Typography.Paragraph>
          {suggestions.length > 0 ? (
            <Form.Item label="Berkas yang disarankan">
              <Radio.Group value={picked} onChange={(e) => setChoice(e.target.value as string)}>
                <Space orientation="vertical">
                  {suggestions.map((s) => (
                    <Radio key={s.id} value={s.id}>
                      <strong>{s.title}</strong> ({s.classificationCode})<div className="muted" style={{ fontSize: 12 }}>{s.reason}</div>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
          ) : (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="Tidak ada berkas terbuka yang cocok dengan klasifikasi naskah ini." description="Pilih berkas lain di bawah, atau minta arsiparis membuat berkas baru." />
          )}
          <Form.Item label="Berkas lain" htmlFor="file-other">
            <Select
              id="file-other"
              showSearch={{ filterOption: false, onSearch: setSearch }}
              allowClear
              placeholder="Cari judul berkas terbuka"
              value={choice && !suggestions.some((s) => s.id === choice) ? choice : undefined}
              onChange={(v) => setChoice(v)}
              loading={found.isFetching}
              notFoundContent={found.isFetching ? 'Memuat…' : 'Tidak ada berkas terbuka.'}
              options={others.map((d) => ({ value: d.id, label: `${d.title} (${d.classificationCode})` }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
