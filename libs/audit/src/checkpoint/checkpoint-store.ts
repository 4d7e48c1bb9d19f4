import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Where signed audit checkpoints are kept, outside the database: append-only (a checkpoint is
 * never replaced or removed by the product). The directory store is the default; an object store
 * with write-once objects (e.g. S3 Object Lock) can implement the same port.
 */
export interface AuditCheckpointStore {
  /** Adds a checkpoint under a name no other checkpoint has; fails rather than replace one. */
  append(name: string, text: string): Promise<void>;
  /** Every checkpoint name, oldest first. */
  list(): Promise<string[]>;
  read(name: string): Promise<string>;
  /** Where the checkpoints are (for messages). */
  readonly location: string;
}

export const AUDIT_CHECKPOINT_STORE = Symbol('AUDIT_CHECKPOINT_STORE');

const NAME = /^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}\.json$/;

/** A name that sorts by time: `20261204T100000123Z-1a2b3c4d.json`. */
export function checkpointName(at: Date): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}.json`;
}

/** Checkpoints as files of one directory: created exclusively (O_EXCL), read-only (0444), flushed to disk. */
export class DirectoryCheckpointStore implements AuditCheckpointStore {
  readonly location: string;
  constructor(dir: string) {
    this.location = resolve(dir);
  }

  async append(name: string, text: string): Promise<void> {
    if (!NAME.test(name)) throw new Error(`bad checkpoint name ${name}`);
    await mkdir(this.location, { recursive: true, mode: 0o700 });
    const file = await open(join(this.location, name), 'wx', 0o444);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    const dir = await open(this.location, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  async list(): Promise<string[]> {
    try {
      return (await readdir(this.location)).filter((n) => NAME.test(n)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  read(name: string): Promise<string> {
    if (!NAME.test(name)) throw new Error(`bad checkpoint name ${name}`);
    return readFile(join(this.location, name), 'utf8');
  }
}
