import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, StoragePort, StoredBytes } from './storage.port';

/** A pass-through that hashes (SHA-256) and counts what flows through it. */
export function hashingStream(): Transform & { result(): StoredBytes } {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { result(): StoredBytes };
  let digest: string | null = null;
  t.result = () => ({ sizeBytes, sha256: (digest ??= hash.digest('hex')) });
  return t;
}

export class LocalDiskStorage extends StoragePort {
  private readonly root: string;
  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** Keys are relative paths of plain segments (no '', '.', '..' or hidden names), so a key never leaves the root. */
  private pathOf(key: string): string {
    return join(this.root, assertStorageKey(key));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path); // atomic: a reader never sees half a file
  }

  async putStream(key: string, data: Readable): Promise<StoredBytes> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    const hashing = hashingStream();
    try {
      await pipeline(data, hashing, createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return hashing.result();
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async getStream(key: string): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r'); // ENOENT here, not later on the stream
    return handle.createReadStream();
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(() => true, () => false);
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const folder = prefix.replace(/\/+$/, '');
    const start = folder ? this.pathOf(folder) : this.root;
    const walk = async function* (dir: string, rel: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
      const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return [];
        throw err;
      });
      for (const e of entries) {
        const key = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(join(dir, e.name), key);
        else if (e.isFile()) {
          const st = await stat(join(dir, e.name)).catch(() => null);
          if (st) yield { key, modifiedAt: st.mtime };
        }
      }
    };
    yield* walk(start, folder);
  }
}
