import { ZipArchive } from 'archiver';

/** Zips in-memory entries (name → bytes) into one buffer. */
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
