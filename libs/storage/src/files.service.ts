import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
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

  async find(id: string, em: EntityManager = this.ds.manager): Promise<StoredFile> {
    const [r] = await em.query('SELECT id, storage_key, sha256, size_bytes, mime, original_name, deleted_at FROM files WHERE id = ?', [id]);
    if (!r) throw notFound('Berkas', id, 'FILE');
    return { id: String(r.id), storageKey: r.storage_key, sha256: r.sha256, sizeBytes: Number(r.size_bytes), mime: r.mime, originalName: r.original_name, deletedAt: r.deleted_at };
  }

  /** Reads the bytes and checks them against the recorded SHA-256. */
  async read(id: string): Promise<{ file: StoredFile; data: Buffer }> {
    const file = await this.find(id);
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
   * yet, in batches of `batchSize`, until none is left. Idempotent and safe to run from several
   * processes at once (removing a missing key is not an error); returns how many were purged.
   */
  async purgeDestroyed(batchSize = 200): Promise<number> {
    let purged = 0;
    for (;;) {
      const rows: { id: string; storage_key: string }[] = await this.ds.query(
        'SELECT id, storage_key FROM files WHERE purged_at IS NULL AND deleted_at IS NOT NULL ORDER BY id LIMIT ?',
        [batchSize],
      );
      if (!rows.length) return purged;
      for (const r of rows) await this.storage.remove(r.storage_key);
      await this.ds.query(`UPDATE files SET purged_at = CURRENT_TIMESTAMP(3) WHERE id IN (${rows.map(() => '?').join(',')}) AND purged_at IS NULL`, rows.map((r) => r.id));
      purged += rows.length;
      if (rows.length < batchSize) return purged;
    }
  }
}

export { sha256 as sha256Hex };
