import { Alert, Button } from 'antd';
import { messageOf } from '../api/errors';

/** A failed request said in place; the rest of the page stays. */
export function ErrorAlert({ error, retry, title }: { error: unknown; retry?: () => void; title?: string }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? 'Gagal memuat data'}
      description={messageOf(error)}
      action={retry ? <Button size="small" onClick={retry}>Coba lagi</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
