import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@naskah/db';
import { FilesService, LocalDiskStorage } from '@naskah/storage';
import { fileEntry, handoverZip } from '../../libs/records/src/documents/handover-zip';

/**
 * Issue 15 item 3: the handover package is zipped into storage as a stream, never whole in memory.
 * A child process with a 128 MB V8 heap stores HANDOVER_MB of files through the storage port and
 * builds the package of them as the job does; the zip must hold every file (each entry's SHA-256
 * equal to the file's and to the manifest's line) while the process' memory stays far below the
 * package's size. NASKAH_HANDOVER_MB sets the size (default 300).
 */
const TOTAL_MB = Number(process.env.NASKAH_HANDOVER_MB ?? 300);
const FILE_MB = 10;
const FILES = Math.ceil(TOTAL_MB / FILE_MB);
const run = promisify(execFile);

/** SHA-256 of a stream's bytes (never collected). */
async function sha(stream: AsyncIterable<Buffer>): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const c of stream) {
    h.update(c);
    bytes += c.length;
  }
  return { sha256: h.digest('hex'), bytes };
}

/** One zip entry's bytes, streamed out by `unzip -p` (which checks its CRC). */
async function entrySha(zip: string, name: string): Promise<string> {
  const child = spawn('unzip', ['-p', zip, name], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const [{ sha256 }, code] = await Promise.all([sha(child.stdout), new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)))]);
  if (code !== 0) throw new Error(`unzip -p ${name}: exit ${code} ${err}`);
  return sha256;
}

describe('handover package streamed into storage under a bounded heap', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'naskah-handover-stream-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(`zips ${TOTAL_MB} MB of files with a 128 MB heap; every entry matches its file and the manifest`, async () => {
    const child = spawn(process.execPath, ['--max-old-space-size=128', '--expose-gc', '-r', '@swc-node/register', 'test/records/handover-stream.child.ts'], {
      env: { ...process.env, HANDOVER_DIR: dir, HANDOVER_FILES: String(FILES), HANDOVER_FILE_MB: String(FILE_MB) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
    expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    const zip = join(dir, r.pkg.storageKey);

    // the stored package is what the record says
    expect(await sha(createReadStream(zip))).toEqual({ sha256: r.pkg.sha256, bytes: r.pkg.sizeBytes });
    // every file once, the metadata and the manifest
    const names = (await run('unzip', ['-Z1', zip], { maxBuffer: 16 * 1024 * 1024 })).stdout.trim().split('\n');
    expect(names).toHaveLength(FILES + 2);
    expect(names.slice(-2)).toEqual(['metadata.json', 'manifest-sha256.txt']);
    const manifest = (await run('unzip', ['-p', zip, 'manifest-sha256.txt'])).stdout.trim().split('\n').map((l) => l.split('  '));
    expect(manifest.map(([, name]) => name)).toEqual(names.slice(0, -1));
    for (const [i, f] of (r.files as { id: string; sha256: string }[]).entries()) {
      const [hash, name] = manifest[i];
      expect(name).toBe(`berkas/berkas-${1 + (i % 3)}/naskah-${i}/${f.id}-pindaian-${i}.pdf`);
      expect(hash).toBe(f.sha256);
    }
    for (const [hash, name] of manifest) expect(await entrySha(zip, name)).toBe(hash);

    const mbps = r.totalBytes / 1024 / 1024 / (r.zipMs / 1000);
    console.log(`[handover-stream] ${FILES} files × ${FILE_MB} MB = ${TOTAL_MB} MB → zip ${(r.pkg.sizeBytes / 1024 / 1024).toFixed(1)} MB in ${r.zipMs} ms (${mbps.toFixed(1)} MB/s; files stored in ${r.genMs} ms); ` +
      `V8 heap limit ${r.heapLimitMB} MB, heap used ${r.baseHeapMB.toFixed(1)} → peak ${r.peakHeapMB.toFixed(1)} MB, RSS ${r.baseRssMB.toFixed(0)} → peak ${r.peakRssMB.toFixed(0)} MB, buffers peak ${r.peakExternalMB.toFixed(1)} MB`);
    expect(r.heapLimitMB).toBeLessThanOrEqual(192); // 128 MB old space + the young generation
    expect(r.peakHeapMB - r.baseHeapMB).toBeLessThan(64);
    expect(r.peakRssMB - r.baseRssMB).toBeLessThan(Math.min(128, TOTAL_MB / 2));
  }, 600_000);

  it('fails the package, and stores nothing, when a file no longer matches its SHA-256', async () => {
    const ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 2 } as never));
    await ds.initialize();
    try {
      const storage = new LocalDiskStorage(join(dir, 'corrupt'));
      const files = new FilesService(storage, ds);
      const good = await files.storeStream(ds.manager, Readable.from([Buffer.from('halaman satu')]), { originalName: 'a.pdf', mime: 'application/pdf', createdBy: null });
      const bad = await files.storeStream(ds.manager, Readable.from([Buffer.from('halaman dua')]), { originalName: 'b.pdf', mime: 'application/pdf', createdBy: null });
      await writeFile(join(dir, 'corrupt', bad.storageKey), 'halaman DUA'); // same size, other bytes
      const now = new Date();
      const before = Number((await ds.query('SELECT COUNT(*) AS n FROM files'))[0].n);
      const zip = handoverZip([fileEntry(files, undefined, good, 'berkas/a.pdf', now), fileEntry(files, undefined, bad, 'berkas/b.pdf', now)], now);
      await expect(ds.transaction((em) => files.storeStream(em, zip, { originalName: 'paket.zip', mime: 'application/zip', createdBy: null }))).rejects.toMatchObject({ code: 'FILE_CORRUPTED' });
      expect(Number((await ds.query('SELECT COUNT(*) AS n FROM files'))[0].n)).toBe(before);
      const left: string[] = [];
      for await (const o of storage.list('')) left.push(o.key);
      expect(left.sort()).toEqual([good.storageKey, bad.storageKey].sort());
    } finally {
      await ds.destroy();
    }
  }, 60_000);
});
