import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';
import { describeStorageContract } from './storage.contract';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'naskah-storage-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describeStorageContract('local disk', async () => new LocalDiskStorage(join(root, 'contract')));

describe('local disk storage', () => {
  let storage: LocalDiskStorage;
  beforeAll(() => {
    storage = new LocalDiskStorage(join(root, 'own'));
  });

  it('keeps the bytes as a plain file under the root', async () => {
    const data = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    await storage.put('2026/01/ab/one.bin', data);
    expect(await readFile(join(root, 'own', '2026/01/ab/one.bin'))).toEqual(data);
  });

  it('leaves no temporary file behind, after a write and after a failed stream', async () => {
    await storage.put('replace/me.txt', Buffer.from('pertama'));
    await storage.put('replace/me.txt', Buffer.from('kedua'));
    const failing = Readable.from((async function* () {
      yield Buffer.from('setengah');
      throw new Error('putus');
    })());
    await expect(storage.putStream('replace/half.txt', failing)).rejects.toThrow(/putus/);
    expect(await readdir(join(root, 'own', 'replace'))).toEqual(['me.txt']);
  });
});
