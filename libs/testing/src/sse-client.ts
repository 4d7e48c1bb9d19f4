import { request as httpRequest, IncomingMessage } from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

export interface SseStream {
  res: IncomingMessage;
  events: SseEvent[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** A real HTTP client on an event stream (text/event-stream): collects parsed events until closed. */
export function openStream(port: number, path: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      let buffer = '';
      const ended = new Promise<void>((done) => {
        res.on('end', () => done());
        res.on('close', () => done());
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: null };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) e.data = JSON.parse(data);
          if (e.id || data) events.push(e);
        }
      });
      resolve({ res, events, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A single-use stream ticket, asked for over real HTTP with the access token (what the web UI does before each connection). */
export async function streamTicket(port: number, accessToken: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/notifications/stream-ticket`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
  if (res.status !== 201) throw new Error(`stream ticket refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** Opens the notification stream as a browser does: a fresh ticket in the URL, never the access token. */
export async function openNotificationStream(port: number, accessToken: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return openStream(port, `/api/notifications/stream?ticket=${encodeURIComponent(await streamTicket(port, accessToken))}`, headers);
}
