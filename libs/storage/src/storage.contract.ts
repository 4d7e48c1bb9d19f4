import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StoragePort } from './storage.port';

/**
 * What every StoragePort must do, as one set of tests run against each store (local disk, S3):
 * `describeStorageContract('local disk', async () => new LocalDiskStorage(dir))`.
 */
export function describeStorageContract(name: string, make: () => Promise<StoragePort>): void {
  describe(`storage contract: ${name}`, () => {
    let storage: StoragePort;
    beforeAll(async () => {
      storage = await make();
    });

    /** A deterministic stream of `size` bytes in chunks of `chunk` (never the whole in memory). */
    const bytes = (size: number, chunk = 64 * 1024) =>
      Readable.from((function* () {
        for (let at = 0; at < size; at += chunk) {
          const b = Buffer.alloc(Math.min(chunk, size - at));
          for (let i = 0; i < b.length; i++) b[i] = (at + i) * 31 % 251;
          yield b;
        }
      })());
    const sha = async (s: AsyncIterable<Buffer | Uint8Array>) => {
      const h = createHash('sha256');
      let n = 0;
      for await (const c of s) {
        h.update(c);
        n += c.length;
      }
      return { sizeBytes: n, sha256: h.digest('hex') };
    };

    it('stores bytes under nested keys and reads them back exactly', async () => {
      const data = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
      await storage.put('2026/01/ab/one.bin', data);
      expect(await storage.get('2026/01/ab/one.bin')).toEqual(data);
      expect(await storage.exists('2026/01/ab/one.bin')).toBe(true);
      expect(await storage.exists('2026/01/ab/other.bin')).toBe(false);
    });

    it('replaces a key with the new bytes', async () => {
      await storage.put('replace/me.txt', Buffer.from('pertama'));
      await storage.put('replace/me.txt', Buffer.from('kedua'));
      expect((await storage.get('replace/me.txt')).toString()).toBe('kedua');
    });

    it('streams a write of several parts in, with its size and SHA-256, and streams it back out unchanged', async () => {
      const size = 20 * 1024 * 1024 + 12345; // more than two 8 MiB parts of a multipart upload
      const expected = await sha(bytes(size));
      const stored = await storage.putStream('2026/02/cd/large.bin', bytes(size));
      expect(stored).toEqual(expected);
      expect(await sha(await storage.getStream('2026/02/cd/large.bin'))).toEqual(expected);
      expect(await storage.exists('2026/02/cd/large.bin')).toBe(true);
    });

    it('stores an empty stream as an empty object with the SHA-256 of nothing', async () => {
      expect(await storage.putStream('kosong/empty.bin', Readable.from([]))).toEqual({ sizeBytes: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
      expect((await storage.get('kosong/empty.bin')).length).toBe(0);
    });

    it('stores nothing under the key when the stream fails midway', async () => {
      const failing = Readable.from((async function* () {
        yield Buffer.alloc(1024, 1);
        throw new Error('sumber putus');
      })());
      await expect(storage.putStream('failed/half.bin', failing)).rejects.toThrow(/sumber putus/);
      expect(await storage.exists('failed/half.bin')).toBe(false);
    });

    it('removes irreversibly, and removing a missing key is not an error; a missing key reads as ENOENT', async () => {
      await storage.put('gone/soon.txt', Buffer.from('x'));
      await storage.remove('gone/soon.txt');
      expect(await storage.exists('gone/soon.txt')).toBe(false);
      await expect(storage.get('gone/soon.txt')).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(storage.getStream('gone/soon.txt')).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(storage.remove('gone/soon.txt')).resolves.toBeUndefined();
    });

    it('lists the objects of a folder (and only that folder) with their modification time', async () => {
      const before = Date.now() - 60_000;
      await storage.put('2030/1/a.bin', Buffer.from('a'));
      await storage.put('2030/1/x/b.bin', Buffer.from('b'));
      await storage.put('2030/10/c.bin', Buffer.from('c'));
      const listed: { key: string; modifiedAt: Date }[] = [];
      for await (const o of storage.list('2030/1/')) listed.push(o);
      expect(listed.map((o) => o.key).sort()).toEqual(['2030/1/a.bin', '2030/1/x/b.bin']);
      for (const o of listed) expect(o.modifiedAt.getTime()).toBeGreaterThan(before);
      const none: string[] = [];
      for await (const o of storage.list('2031/')) none.push(o.key);
      expect(none).toEqual([]);
    });

    it.each(['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a//b', '.', 'a/./b', '.hidden', 'dir/', 'with space', 'semi;colon', ''])('refuses the key %p', async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
      await expect(storage.putStream(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
    });
  });
}
