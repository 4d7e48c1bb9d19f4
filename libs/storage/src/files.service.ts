import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, notFound } from '@naskah/core';
import { StoragePort } from './storage.port';

export interface StoredFile {
  id: string;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mime: string;
  originalName: string;
  deletedAt: Date | null;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Files with their SHA-256: bytes go to the storage port, the record goes in the caller's transaction. */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly storage: StoragePort,
    private readonly ds: DataSource,
  ) {}

  async store(em: EntityManager, data: Buffer, meta: { originalName: string; mime: string; createdBy: number | null }): Promise<StoredFile> {
    const hash = sha256(data);
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${hash.slice(0, 2)}/${randomUUID()}`;
    await this.storage.put(key, data);
    const res = await em.query('INSERT INTO files (storage_key, sha256, size_bytes, mime, original_name, created_by) VALUES (?, ?, ?, ?, ?, ?)', [
      key, hash, data.length, meta.mime, meta.originalName.slice(0, 255), meta.createdBy,
    ]);
    return { id: String(res.insertId), storageKey: key, sha256: hash, sizeBytes: data.length, mime: meta.mime, originalName: meta.originalName, deletedAt: null };
  }

  /**
   * Like store(), for bytes of any size: streamed to the store (never whole in memory), the SHA-256
   * and size taken on the way. The key's middle folder is random (the hash is known only at the end).
   */
  async storeStream(em: EntityManager, data: Readable, meta: { originalName: string; mime: string; createdBy: number | null }): Promise<StoredFile> {
    const now = new Date();
    const uuid = randomUUID();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${uuid.slice(0, 2)}/${uuid}`;
    const { sha256: hash, sizeBytes } = await this.storage.putStream(key, data);
    const res = await em.query('INSERT INTO files (storage_key, sha256, size_bytes, mime, original_name, created_by) VALUES (?, ?, ?, ?, ?, ?)', [
      key, hash, sizeBytes, meta.mime, meta.originalName.slice(0, 255), meta.createdBy,
    ]);
    return { id: String(res.insertId), storageKey: key, sha256: hash, sizeBytes, mime: meta.mime, originalName: meta.originalName, deletedAt: null };
  }

  /**
   * The bytes as a stream, checked against the recorded SHA-256 and size as they flow: a mismatch
   * fails the stream at its end (FILE_CORRUPTED), so whatever consumed it (a zip, a download) fails
   * too instead of passing on altered content. Inside a transaction pass its `em`.
   */
  async readStream(id: string, em?: EntityManager): Promise<{ file: StoredFile; stream: Readable }> {
    const file = await this.find(id, em);
    if (file.deletedAt) throw new DomainError('FILE_DESTROYED', 'NOT_FOUND', 'Berkas telah dimusnahkan (file destroyed)');
    const source = await this.storage.getStream(file.storageKey).catch((err: NodeJS.ErrnoException) => {
      if (err?.code !== 'ENOENT') throw err;
      throw new DomainError('FILE_MISSING', 'CONFLICT', 'Isi berkas tidak ada di penyimpanan (file content missing)', { id });
    });
    const hash = createHash('sha256');
    let size = 0;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
      flush(done) {
        const ok = hash.digest('hex') === file.sha256 && size === file.sizeBytes;
        done(ok ? null : new DomainError('FILE_CORRUPTED', 'CONFLICT', 'Isi berkas tidak cocok dengan SHA-256 yang tercatat (integrity check failed)', { id }));
      },
    });
    source.on('error', (err) => check.destroy(err));
    return { file, stream: source.pipe(check) };
  }

  async find(id: string, em: EntityManager = this.ds.manager): Promise<StoredFile> {
    const [r] = await em.query('SELECT id, storage_key, sha256, size_bytes, mime, original_name, deleted_at FROM files WHERE id = ?', [id]);
    if (!r) throw notFound('Berkas', id, 'FILE');
    return { id: String(r.id), storageKey: r.storage_key, sha256: r.sha256, sizeBytes: Number(r.size_bytes), mime: r.mime, originalName: r.original_name, deletedAt: r.deleted_at };
  }

  /** Reads the bytes and checks them against the recorded SHA-256. Inside a transaction pass its `em` (no second connection). */
  async read(id: string, em?: EntityManager): Promise<{ file: StoredFile; data: Buffer }> {
    const file = await this.find(id, em);
    if (file.deletedAt) throw new DomainError('FILE_DESTROYED', 'NOT_FOUND', 'Berkas telah dimusnahkan (file destroyed)');
    const data = await this.storage.get(file.storageKey).catch((err: NodeJS.ErrnoException) => {
      if (err?.code !== 'ENOENT') throw err;
      throw new DomainError('FILE_MISSING', 'CONFLICT', 'Isi berkas tidak ada di penyimpanan (file content missing)', { id });
    });
    if (sha256(data) !== file.sha256) throw new DomainError('FILE_CORRUPTED', 'CONFLICT', 'Isi berkas tidak cocok dengan SHA-256 yang tercatat (integrity check failed)', { id });
    return { file, data };
  }

  /**
   * Destroys a file inside the caller's transaction: the record is marked at once (nobody can read
   * the file from then on; its metadata and hash stay as the tombstone) and the bytes are removed
   * by purgeDestroyed() once that transaction has committed. Removing them here would make a
   * rollback (crash, lost connection, deadlock) lose content whose destruction never happened.
   */
  async destroy(em: EntityManager, id: string): Promise<StoredFile> {
    const file = await this.find(id, em);
    await em.query('UPDATE files SET deleted_at = COALESCE(deleted_at, CURRENT_TIMESTAMP(3)) WHERE id = ?', [id]);
    return file;
  }

  /**
   * Removes from storage the bytes of files whose destruction has committed and are not purged
   * yet, in batches of `batchSize` by id. Idempotent and safe to run from several processes at once
   * (removing a missing key is not an error). A key the store refuses to remove is logged and left
   * for the next run; it never stops the others. Returns how many were purged.
   */
  /**
   * Removes bytes that no file record owns (issue 11, item 2). store() writes the bytes before its
   * transaction inserts the record, so a transaction that rolls back — a refused registration, a
   * deadlock, a crash — leaves bytes nobody can reach, not even retention. Files are keyed by the
   * month they were stored in (YYYY/MM/…), so the sweep walks the current and the previous month
   * only, and judges only bytes older than `minAgeMs` (an hour): a transaction still running has
   * not committed its record yet. Also removes half-written temporary files of the same age.
   * Returns how many objects were removed.
   */
  async sweepOrphans(now = new Date(), minAgeMs = ORPHAN_MIN_AGE_MS): Promise<{ examined: number; removed: number }> {
    const before = now.getTime() - minAgeMs;
    const months = [0, 1].map((back) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/`;
    });
    let examined = 0;
    let removed = 0;
    const judge = async (batch: string[]) => {
      if (!batch.length) return;
      const owned = new Set(
        (await this.ds.query(`SELECT storage_key FROM files WHERE storage_key IN (${batch.map(() => '?').join(',')})`, batch)).map((r: { storage_key: string }) => r.storage_key),
      );
      for (const key of batch) {
        if (owned.has(key)) continue;
        try {
          await this.storage.remove(key);
          removed++;
        } catch (err) {
          this.logger.error({ key, err: (err as Error).message }, 'orphaned bytes could not be removed; retried on the next sweep');
        }
      }
    };
    for (const month of months) {
      let batch: string[] = [];
      for await (const o of this.storage.list(month)) {
        if (o.modifiedAt.getTime() >= before) continue;
        examined++;
        batch.push(o.key);
        if (batch.length >= 500) {
          await judge(batch);
          batch = [];
        }
      }
      await judge(batch);
    }
    if (removed) this.logger.log({ examined, removed }, 'orphaned file bytes removed');
    return { examined, removed };
  }

  async purgeDestroyed(batchSize = 200): Promise<number> {
    let purged = 0;
    let after = '0';
    for (;;) {
      const rows: { id: string; storage_key: string }[] = await this.ds.query(
        'SELECT id, storage_key FROM files WHERE purged_at IS NULL AND deleted_at IS NOT NULL AND id > ? ORDER BY id LIMIT ?',
        [after, batchSize],
      );
      if (!rows.length) return purged;
      const done: string[] = [];
      for (const r of rows) {
        try {
          await this.storage.remove(r.storage_key);
          done.push(String(r.id));
        } catch (err) {
          this.logger.error({ fileId: String(r.id), err: (err as Error).message }, 'destroyed file could not be removed from storage; retried on the next purge');
        }
      }
      if (done.length) await this.ds.query(`UPDATE files SET purged_at = CURRENT_TIMESTAMP(3) WHERE id IN (${done.map(() => '?').join(',')}) AND purged_at IS NULL`, done);
      purged += done.length;
      after = String(rows[rows.length - 1].id);
      if (rows.length < batchSize) return purged;
    }
  }
}

/** How old stored bytes must be before the orphan sweep may judge them: longer than any transaction that stores a file. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

export { sha256 as sha256Hex };
