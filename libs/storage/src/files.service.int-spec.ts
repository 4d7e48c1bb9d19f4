import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@naskah/db';
import { FilesService } from './files.service';
import { LocalDiskStorage } from './local-disk.storage';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('files with their SHA-256 (real MariaDB, local disk)', () => {
  let root: string;
  let ds: DataSource;
  let files: FilesService;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'naskah-files-'));
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 2 } as never)).initialize();
    files = new FilesService(new LocalDiskStorage(root), ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await rm(root, { recursive: true, force: true });
  });

  const store = (data: Buffer, originalName = 'surat.pdf') =>
    ds.transaction((em) => files.store(em, data, { originalName, mime: 'application/pdf', createdBy: null }));

  it('records size, type and SHA-256 in the same transaction and reads the bytes back', async () => {
    const data = Buffer.from('%PDF-1.7 naskah dinas');
    const stored = await store(data);
    expect(stored).toMatchObject({ sha256: sha256(data), sizeBytes: data.length, mime: 'application/pdf', originalName: 'surat.pdf' });
    const [row] = await ds.query('SELECT sha256, size_bytes, storage_key FROM files WHERE id = ?', [stored.id]);
    expect(row).toMatchObject({ sha256: sha256(data), storage_key: stored.storageKey });
    expect(Number(row.size_bytes)).toBe(data.length);
    const read = await files.read(stored.id);
    expect(read.data).toEqual(data);
    expect(read.file.id).toBe(stored.id);
  });

  it('refuses to serve a file whose bytes were changed on disk (FILE_CORRUPTED)', async () => {
    const stored = await store(Buffer.from('isi asli'));
    await writeFile(join(root, stored.storageKey), 'isi palsu');
    await expect(files.read(stored.id)).rejects.toMatchObject({ code: 'FILE_CORRUPTED' });
  });

  it('reports a file whose bytes vanished as missing, not as a crash', async () => {
    const stored = await store(Buffer.from('akan hilang'));
    await rm(join(root, stored.storageKey));
    await expect(files.read(stored.id)).rejects.toMatchObject({ code: 'FILE_MISSING', kind: 'CONFLICT' });
  });

  it('keeps no record when the transaction rolls back', async () => {
    const data = Buffer.from(`rollback ${Date.now()} ${Math.random()}`);
    await expect(
      ds.transaction(async (em) => {
        await files.store(em, data, { originalName: 'x.pdf', mime: 'application/pdf', createdBy: null });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [r] = await ds.query('SELECT COUNT(*) AS n FROM files WHERE sha256 = ?', [sha256(data)]);
    expect(Number(r.n)).toBe(0);
  });

  it('destroys the bytes after the destroying transaction commits and keeps the metadata as a tombstone', async () => {
    const disk = new LocalDiskStorage(root);
    const data = Buffer.from('untuk dimusnahkan');
    const stored = await store(data);
    // a destruction that rolls back destroys nothing
    await expect(
      ds.transaction(async (em) => {
        await files.destroy(em, stored.id);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(files.read(stored.id)).resolves.toMatchObject({ data });
    // committed: unreadable at once, the bytes go with the purge
    await ds.transaction((em) => files.destroy(em, stored.id));
    const tomb = await files.find(stored.id);
    expect(tomb.sha256).toBe(sha256(data));
    expect(tomb.deletedAt).toBeInstanceOf(Date);
    await expect(files.read(stored.id)).rejects.toMatchObject({ code: 'FILE_DESTROYED' });
    await expect(disk.exists(stored.storageKey)).resolves.toBe(true);
    expect(await files.purgeDestroyed()).toBeGreaterThanOrEqual(1);
    await expect(disk.exists(stored.storageKey)).resolves.toBe(false);
    const [row] = await ds.query('SELECT purged_at FROM files WHERE id = ?', [stored.id]);
    expect(row.purged_at).toBeInstanceOf(Date);
    expect(await files.purgeDestroyed()).toBe(0); // nothing left: a second purge is a no-op
  });

  it('a key the store refuses to remove is left for the next purge and does not stop the others', async () => {
    const refusing = new (class extends LocalDiskStorage {
      refuse = new Set<string>();
      override async remove(key: string): Promise<void> {
        if (this.refuse.has(key)) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return super.remove(key);
      }
    })(root);
    const purging = new FilesService(refusing, ds);
    const [a, b] = [await store(Buffer.from('musnah a')), await store(Buffer.from('musnah b'))];
    await ds.transaction(async (em) => {
      await purging.destroy(em, a.id);
      await purging.destroy(em, b.id);
    });
    refusing.refuse.add(a.storageKey);
    expect(await purging.purgeDestroyed(1)).toBeGreaterThanOrEqual(1); // batches of one: the refused key comes first and must not block b
    await expect(refusing.exists(a.storageKey)).resolves.toBe(true);
    await expect(refusing.exists(b.storageKey)).resolves.toBe(false);
    refusing.refuse.clear();
    expect(await purging.purgeDestroyed()).toBeGreaterThanOrEqual(1);
    await expect(refusing.exists(a.storageKey)).resolves.toBe(false);
    const rows = await ds.query('SELECT purged_at FROM files WHERE id IN (?, ?)', [a.id, b.id]);
    expect(rows.every((r: { purged_at: Date | null }) => r.purged_at instanceof Date)).toBe(true);
  });

  it('answers not found for an unknown id', async () => {
    await expect(files.read('999999999')).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'FILE_NOT_FOUND' });
  });

  it('sweeps the bytes of an upload whose transaction rolled back, once old enough, and never a committed file (issue 11, item 2)', async () => {
    const kept = await store(Buffer.from(`committed ${Math.random()}`));
    let orphanKey = '';
    await expect(
      ds.transaction(async (em) => {
        orphanKey = (await files.store(em, Buffer.from(`scan of a refused registration ${Math.random()}`), { originalName: 'scan.png', mime: 'image/png', createdBy: null })).storageKey;
        throw new Error('registration refused after the scan was stored');
      }),
    ).rejects.toThrow('refused');
    const storage = new LocalDiskStorage(root);
    expect(await storage.exists(orphanKey)).toBe(true);
    // a transaction may still be running: bytes younger than the minimum age are never judged
    expect((await files.sweepOrphans(new Date())).removed).toBe(0);
    expect(await storage.exists(orphanKey)).toBe(true);
    // two hours later the orphan goes; the committed file and its record stay
    const later = new Date(Date.now() + 2 * 3600_000);
    const swept = await files.sweepOrphans(later);
    expect(swept.removed).toBeGreaterThanOrEqual(1); // the rollback test above left one too
    expect(await storage.exists(orphanKey)).toBe(false);
    expect((await files.read(kept.id)).data.toString()).toMatch(/^committed /);
    expect((await files.sweepOrphans(later)).removed).toBe(0);
  });
});
