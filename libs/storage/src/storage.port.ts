/** Where file bytes live. Local disk by default; an S3-compatible store can implement the same port. */
export abstract class StoragePort {
  /** Stores bytes under a new key and returns it. */
  abstract put(key: string, data: Buffer): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  /** Removes bytes irreversibly (used by destruction); missing keys are not an error. */
  abstract remove(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
  /** Every stored object whose key starts with `prefix` (a folder such as '2026/12/'), with its last modification time; unfinished writes included. */
  abstract list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
}
