import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { StoragePort } from './storage.port';

const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9_.-]*';
const KEY = new RegExp(`^${SEGMENT}(/${SEGMENT})*$`);

export class LocalDiskStorage extends StoragePort {
  private readonly root: string;
  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** Keys are relative paths of plain segments (no '', '.', '..' or hidden names), so a key never leaves the root. */
  private pathOf(key: string): string {
    if (key.length > 200 || !KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path); // atomic: a reader never sees half a file
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
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
