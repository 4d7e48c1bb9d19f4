import type { Readable } from 'node:stream';

/** What a streamed write stored: its size and SHA-256 (hex), computed on the bytes as they went by. */
export interface StoredBytes {
  sizeBytes: number;
  sha256: string;
}

const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9_.-]*';
const KEY = new RegExp(`^${SEGMENT}(/${SEGMENT})*$`);

/** Keys are relative paths of plain segments (no '', '.', '..' or hidden names, at most 200 characters): the same keys in every store. */
export function assertStorageKey(key: string): string {
  if (typeof key !== 'string' || key.length > 200 || !KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  return key;
}

/**
 * Where file bytes live: local disk (LocalDiskStorage) or an S3-compatible object store (S3Storage),
 * chosen by STORAGE_DRIVER. A key that does not exist makes get/getStream reject with an error whose
 * `code` is 'ENOENT' in every store.
 */
export abstract class StoragePort {
  /** Stores bytes under a key (replacing what was there at once: a reader never sees half an object). */
  abstract put(key: string, data: Buffer): Promise<void>;
  /**
   * Stores a stream of any length without holding it in memory, and returns its size and SHA-256.
   * Nothing is stored under the key if the stream fails.
   */
  abstract putStream(key: string, data: Readable): Promise<StoredBytes>;
  abstract get(key: string): Promise<Buffer>;
  /** The bytes as a stream (for objects too large to hold in memory). */
  abstract getStream(key: string): Promise<Readable>;
  /** Removes bytes irreversibly (used by destruction); missing keys are not an error. */
  abstract remove(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
  /** Every stored object whose key starts with `prefix` (a folder such as '2026/12/'), with its last modification time; unfinished writes included. */
  abstract list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
}
