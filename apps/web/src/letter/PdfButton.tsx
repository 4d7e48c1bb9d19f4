import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { fetchBlobUrl } from '../api/client';
import { messageOf } from '../api/errors';

/** The letter's PDF behind the access token: fetched, opened in a new tab from a blob URL, with a download link. */
export function PdfButton({ letterId, label = 'Buka PDF', primary = false }: { letterId: string; label?: string; primary?: boolean }) {
  const { message } = App.useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      const u = url ?? (await fetchBlobUrl(`/api/letters/${letterId}/pdf`));
      setUrl(u);
      const w = window.open(u, '_blank');
      if (w) w.opener = null;
      else message.info('Jendela baru diblokir peramban; gunakan tautan "Unduh PDF".');
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <Button type={primary ? 'primary' : 'default'} icon={<FilePdfOutlined aria-hidden />} onClick={open} loading={busy}>
        {label}
      </Button>
      {url && (
        <a href={url} download={`naskah-${letterId}.pdf`}>
          Unduh PDF
        </a>
      )}
    </Space>
  );
}
