import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from './local-disk.storage';

describe('local disk storage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'naskah-storage-'));
    storage = new LocalDiskStorage(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores bytes under nested keys and reads them back exactly', async () => {
    const data = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    await storage.put('2026/01/ab/one.bin', data);
    expect(await storage.get('2026/01/ab/one.bin')).toEqual(data);
    expect(await readFile(join(root, '2026/01/ab/one.bin'))).toEqual(data);
    expect(await storage.exists('2026/01/ab/one.bin')).toBe(true);
  });

  it('leaves no temporary file behind and replaces a key atomically', async () => {
    await storage.put('replace/me.txt', Buffer.from('pertama'));
    await storage.put('replace/me.txt', Buffer.from('kedua'));
    expect((await storage.get('replace/me.txt')).toString()).toBe('kedua');
    expect(await readdir(join(root, 'replace'))).toEqual(['me.txt']);
  });

  it('removes irreversibly, and removing a missing key is not an error', async () => {
    await storage.put('gone/soon.txt', Buffer.from('x'));
    await storage.remove('gone/soon.txt');
    expect(await storage.exists('gone/soon.txt')).toBe(false);
    await expect(storage.get('gone/soon.txt')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(storage.remove('gone/soon.txt')).resolves.toBeUndefined();
  });

  it.each(['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a//b', '.', 'a/./b', '.hidden', 'dir/', 'with space', 'semi;colon', ''])('refuses the key %p', async (key) => {
    await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
  });

});
