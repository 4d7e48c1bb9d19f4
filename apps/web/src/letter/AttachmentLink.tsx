import { App, Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { fetchBlobUrl } from '../api/client';
import { messageOf } from '../api/errors';

/** A letter's attached file behind the access token: fetched, then saved under its own name. */
export function AttachmentLink({ letterId, fileId, name }: { letterId: string; fileId: string; name: string }) {
  const { message } = App.useApp();
  const open = async () => {
    try {
      const u = await fetchBlobUrl(`/api/letters/${letterId}/attachments/${fileId}`);
      const a = document.createElement('a');
      a.href = u;
      a.download = name;
      a.click();
    } catch (err) {
      message.error(messageOf(err));
    }
  };
  return (
    <Button type="link" icon={<PaperClipOutlined aria-hidden />} onClick={open} style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}>
      {name}
    </Button>
  );
}
