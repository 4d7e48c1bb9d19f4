import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton } from 'antd';
import { fetchBlobUrl } from '../api/client';
import { messageOf } from '../api/errors';
import './letter.css';

/**
 * The letter's PDF shown in the page: fetched with the access token (never in an address), kept as
 * a blob: URL while the preview is on screen and shown by the browser's own PDF viewer in a frame
 * (the CSP allows frames from blob: only). "Buka PDF" (PdfButton) still opens it in a tab and downloads it.
 */
export function PdfPreview({ letterId, title }: { letterId: string; title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let made: string | null = null;
    let gone = false;
    setError(null);
    fetchBlobUrl(`/api/letters/${letterId}/pdf`).then(
      (u) => {
        if (gone) URL.revokeObjectURL(u);
        else setUrl((made = u));
      },
      (err) => !gone && setError(messageOf(err)),
    );
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [letterId, attempt]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title="Pratinjau PDF tidak dapat dimuat"
        description={error}
        action={<Button onClick={() => setAttempt((n) => n + 1)}>Coba lagi</Button>}
      />
    );
  if (!url) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <iframe src={url} title={`Pratinjau PDF: ${title}`} className="pdf-preview-frame" />;
}
