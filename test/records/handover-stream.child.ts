/**
 * Child process of handover-stream.e2e-spec.ts, run with a small V8 heap (--max-old-space-size):
 * stores FILES deterministic files of FILE_MB each through the storage port (streamed, real
 * `files` rows), then builds the handover package from them exactly as the job does (fileEntry →
 * handoverZip → FilesService.storeStream) and prints one JSON line with what it stored and the
 * memory it used. Environment: DATABASE_URL, HANDOVER_DIR, HANDOVER_FILES, HANDOVER_FILE_MB.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@naskah/db';
import { FilesService, LocalDiskStorage } from '@naskah/storage';
import { dataEntry, fileEntry, handoverZip } from '../../libs/records/src/documents/handover-zip';

const MB = 1024 * 1024;
const CHUNK = 256 * 1024;

/** The same bytes for the same (file, size) every run, generated chunk by chunk. */
function deterministic(file: number, size: number): Readable {
  const base = Buffer.alloc(CHUNK);
  for (let at = 0, block = 0; at < CHUNK; at += 32, block++) createHash('sha256').update(`naskah:${file}:${block}`).digest().copy(base, at);
  return Readable.from((function* () {
    for (let at = 0, n = 0; at < size; at += CHUNK, n++) {
      const chunk = Buffer.from(base.subarray(0, Math.min(CHUNK, size - at)));
      chunk.writeUInt32BE(n, 0); // every chunk of a file differs
      yield chunk;
    }
  })());
}

async function main(): Promise<void> {
  const files = Number(process.env.HANDOVER_FILES);
  const fileBytes = Number(process.env.HANDOVER_FILE_MB) * MB;
  const ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 2 } as never));
  await ds.initialize();
  const service = new FilesService(new LocalDiskStorage(process.env.HANDOVER_DIR!), ds);

  const tGen = Date.now();
  const stored = [];
  for (let i = 0; i < files; i++) stored.push(await service.storeStream(ds.manager, deterministic(i, fileBytes), { originalName: `pindaian-${i}.pdf`, mime: 'application/pdf', createdBy: null }));
  const genMs = Date.now() - tGen;

  global.gc?.();
  const base = process.memoryUsage();
  const peak = { heapUsed: base.heapUsed, rss: base.rss, external: base.external + base.arrayBuffers };
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.rss = Math.max(peak.rss, m.rss);
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
  }, 10);
  const now = new Date();
  const t0 = Date.now();
  const entries = stored.map((f, i) => fileEntry(service, undefined, f, `berkas/berkas-${1 + (i % 3)}/naskah-${i}/${f.id}-pindaian-${i}.pdf`, now));
  entries.push(dataEntry('metadata.json', Buffer.from(JSON.stringify({ files: stored.map((f) => f.id) }, null, 2)), now));
  const pkg = await ds.transaction((em) => service.storeStream(em, handoverZip(entries, now), { originalName: 'paket-penyerahan.zip', mime: 'application/zip', createdBy: null }));
  const zipMs = Date.now() - t0;
  clearInterval(sample);
  await ds.destroy();
  process.stdout.write(`${JSON.stringify({
    pkg, files: stored.map((f) => ({ id: f.id, sha256: f.sha256, sizeBytes: f.sizeBytes })), totalBytes: files * fileBytes, genMs, zipMs,
    heapLimitMB: Math.round(require('node:v8').getHeapStatistics().heap_size_limit / MB),
    baseHeapMB: base.heapUsed / MB, peakHeapMB: peak.heapUsed / MB, baseRssMB: base.rss / MB, peakRssMB: peak.rss / MB, peakExternalMB: peak.external / MB,
  })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
