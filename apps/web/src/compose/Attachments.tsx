import { useState } from 'react';
import { Alert, Button, List, Progress, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, fetchBlobUrl } from '../api/client';
import { ApiError, messageOf, networkError } from '../api/errors';
import { freshAccessToken } from '../api/session';
import { fileSize } from '../lib/format';
import type { components } from '../api/schema';

export type Attachment = components['schemas']['LetterAttachment'];
type Stored = components['schemas']['StoredFileView'];

/** POST multipart with upload progress (fetch has none): XMLHttpRequest with the in-memory token. */
async function upload(letterId: string, file: File, onProgress: (pct: number) => void): Promise<Stored> {
  const token = await freshAccessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/letters/${encodeURIComponent(letterId)}/attachments`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    // the last progress event may come before the final bytes; once all is sent the bar says 100 %
    xhr.upload.onload = () => onProgress(100);
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Stored);
      else reject(new ApiError(xhr.status, body));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function uploadError(e: unknown, name: string): string {
  if (e instanceof ApiError && e.code === 'FILE_TOO_LARGE') {
    const d = (e.body as { details?: { limit?: number; maxBytes?: number } })?.details;
    const limit = d?.maxBytes ?? d?.limit; // the size limit (multipart: bytes read when cut)
    return `${name}: berkas terlalu besar${limit ? ` (batas ${fileSize(limit)})` : ''}.`;
  }
  return `${name}: ${messageOf(e)}`;
}

/**
 * Attachments of a saved draft (POST /api/letters/{id}/attachments: PDF, PNG, JPEG, DOCX or XLSX by
 * content, the size limit from the server). Each upload or removal changes the letter's version by
 * one: `onChanged(+1)` keeps the form's version in step.
 */
export function Attachments({ letterId, items, onItems, onVersionBump, editable }: { letterId?: string; items: Attachment[]; onItems: (a: Attachment[]) => void; onVersionBump: () => void; editable: boolean }) {
  const [progress, setProgress] = useState<{ name: string; pct: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!letterId) {
    return <Typography.Text type="secondary">Simpan konsep terlebih dahulu, lalu unggah lampiran berkas di sini.</Typography.Text>;
  }
  const open = async (a: Attachment) => {
    try {
      const url = await fetchBlobUrl(`/api/letters/${letterId}/attachments/${a.fileId}`);
      window.open(url, '_blank', 'noopener');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const remove = async (a: Attachment) => {
    setError(null);
    try {
      const r = await api.DELETE('/api/letters/{id}/attachments/{fileId}', { params: { path: { id: letterId, fileId: a.fileId } } });
      if (!r.response.ok) throw new ApiError(r.response.status, r.error);
      onVersionBump();
      onItems(items.filter((x) => x.fileId !== a.fileId));
    } catch (e) {
      setError(`${a.name}: ${messageOf(e)}`);
    }
  };

  return (
    <div>
      <section aria-label="Lampiran berkas">
      <List
        size="small"
        locale={{ emptyText: <Typography.Text type="secondary">Belum ada lampiran berkas.</Typography.Text> }}
        dataSource={items}
        renderItem={(a) => (
          <List.Item
            actions={
              editable
                ? [<Button key="del" type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus lampiran ${a.name}`} onClick={() => void remove(a)} />]
                : []
            }
          >
            <Button type="link" icon={<PaperClipOutlined aria-hidden />} onClick={() => void open(a)} style={{ paddingInline: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}>
              {a.name}
            </Button>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {fileSize(a.sizeBytes)}
            </Typography.Text>
          </List.Item>
        )}
      />
      </section>
      {progress && (
        <div aria-live="polite">
          <Typography.Text>Mengunggah {progress.name} …</Typography.Text>
          <Progress percent={progress.pct} size="small" aria-label={`Kemajuan unggah ${progress.name}`} />
        </div>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBlock: 8 }} closable={{ 'aria-label': 'Tutup pesan' }} onClose={() => setError(null)} />}
      {editable && (
        <Upload
          multiple={false}
          showUploadList={false}
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          disabled={!!progress}
          customRequest={async ({ file }) => {
            const f = file as File;
            setError(null);
            setProgress({ name: f.name, pct: 0 });
            try {
              const stored = await upload(letterId, f, (pct) => setProgress({ name: f.name, pct }));
              onVersionBump();
              onItems([...items, { fileId: stored.id, name: stored.originalName, mime: stored.mime, sizeBytes: stored.sizeBytes, sha256: stored.sha256 }]);
            } catch (e) {
              setError(uploadError(e, f.name));
            } finally {
              setProgress(null);
            }
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} disabled={!!progress}>
            Unggah lampiran
          </Button>
        </Upload>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
        PDF, PNG, JPEG, DOCX atau XLSX; paling banyak 20 berkas.
      </Typography.Paragraph>
    </div>
  );
}
