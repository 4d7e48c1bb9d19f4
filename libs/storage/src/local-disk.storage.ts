import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
}
