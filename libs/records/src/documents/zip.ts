import { once } from 'node:events';
import { Readable, Stream } from 'node:stream';
import { ZipArchive } from 'archiver';

/** Zips in-memory entries (name → bytes) into one buffer (small archives only: the handover package streams, zipStream). */
export async function zipEntries(entries: { name: string; data: Buffer | string; date: Date }[]): Promise<Buffer> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.on('data', (c: Buffer) => chunks.push(c));
    zip.on('end', () => resolve(Buffer.concat(chunks)));
    zip.on('error', reject);
    zip.on('warning', reject);
  });
  for (const e of entries) zip.append(e.data, { name: e.name, date: e.date });
  await zip.finalize();
  return done;
}

/** One entry of a streamed zip: bytes in memory (`data`), or a stream opened only when its turn comes (`open`). */
export interface ZipSource {
  name: string;
  date: Date;
  data?: Buffer | string;
  open?: () => Promise<Readable>;
  /** Stored without compression (files that are compressed already: PDFs, scans, office documents). */
  store?: boolean;
}

/**
 * A zip archive as a stream, never whole in memory: the entries are taken one at a time from
 * `sources`, each stream opened only when the previous entry is written, and the archive flows
 * out as the reader takes it (backpressure reaches the sources). A source that fails (a file whose
 * SHA-256 does not match, a store that is gone) destroys the archive stream with that error.
 * Archives past 4 GB or 65,535 entries are written as ZIP64 by archiver.
 */
export function zipStream(sources: Iterable<ZipSource> | AsyncIterable<ZipSource>): Readable {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  zip.on('warning', (err: Error) => zip.destroy(err));
  void (async () => {
    for await (const s of sources) {
      const body = s.open ? await s.open() : s.data ?? Buffer.alloc(0);
      const written = once(zip, 'entry'); // rejects on the archive's 'error'
      // archiver does not pass a source's error on: watch the source itself
      const failed = body instanceof Stream ? once(body, 'error').then(([err]) => Promise.reject(err as Error)) : null;
      zip.append(body, { name: s.name, date: s.date, store: s.store });
      await (failed ? Promise.race([written, failed]) : written);
    }
    await zip.finalize();
  })().catch((err: Error) => {
    if (!zip.destroyed) zip.destroy(err);
  });
  return zip as unknown as Readable;
}
