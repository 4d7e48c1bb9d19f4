import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { hashingStream } from './local-disk.storage';
import { assertStorageKey, StoragePort, StoredBytes } from './storage.port';

/** The S3 settings of AppConfig. */
export interface S3Settings {
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_SECRET_ACCESS_KEY_FILE?: string;
  S3_FORCE_PATH_STYLE: 'true' | 'false';
}

/** Multipart part size of streamed writes; at most QUEUE_SIZE parts are in memory at once. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

/** S3 answers for a key that is not there: the same ENOENT the local disk gives, so callers need not know the store. */
function notFound(key: string, cause: unknown): NodeJS.ErrnoException {
  const err = new Error(`no object ${JSON.stringify(key)} in the store`) as NodeJS.ErrnoException;
  err.code = 'ENOENT';
  (err as { cause?: unknown }).cause = cause;
  return err;
}
const isNotFound = (err: unknown) =>
  err instanceof S3ServiceException ? err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404 : false;

/**
 * Bytes in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, …) under the same keys as on
 * local disk. Streamed writes go up as a multipart upload (PART_SIZE × QUEUE_SIZE in memory at
 * most), hashed on the way; a failed upload is aborted, so nothing is left under the key.
 */
export class S3Storage extends StoragePort {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {
    super();
  }

  /** From configuration: the secret from S3_SECRET_ACCESS_KEY or the file S3_SECRET_ACCESS_KEY_FILE; no keys: the SDK's credential chain. */
  static fromConfig(c: S3Settings): S3Storage {
    let secret = c.S3_SECRET_ACCESS_KEY;
    if (c.S3_SECRET_ACCESS_KEY_FILE) {
      try {
        secret = readFileSync(c.S3_SECRET_ACCESS_KEY_FILE, 'utf8').trim();
      } catch (err) {
        throw new Error(`S3_SECRET_ACCESS_KEY_FILE tidak dapat dibaca (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${c.S3_SECRET_ACCESS_KEY_FILE}`);
      }
    }
    const client = new S3Client({
      region: c.S3_REGION,
      endpoint: c.S3_ENDPOINT || undefined,
      forcePathStyle: c.S3_FORCE_PATH_STYLE === 'true',
      credentials: c.S3_ACCESS_KEY_ID && secret ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: secret } : undefined,
      // S3-compatible stores differ in their support of the newer default checksums: only when required
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return new S3Storage(client, c.S3_BUCKET!);
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key), Body: data, ContentLength: data.length }));
  }

  async putStream(key: string, data: Readable): Promise<StoredBytes> {
    assertStorageKey(key);
    const hashing = hashingStream();
    data.on('error', (err) => hashing.destroy(err));
    const upload = new Upload({
      client: this.s3,
      params: { Bucket: this.bucket, Key: key, Body: data.pipe(hashing) },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    await upload.done();
    return hashing.result();
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.body(key);
    return Buffer.from(await body.transformToByteArray());
  }

  async getStream(key: string): Promise<Readable> {
    const body = await this.body(key);
    return body instanceof Readable ? body : Readable.from(body as AsyncIterable<Uint8Array>);
  }

  async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    // a folder, as on disk: '2026/1' lists 2026/1/…, never 2026/10/…
    const folder = prefix.replace(/\/+$/, '');
    const Prefix = folder ? `${assertStorageKey(folder)}/` : undefined;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix, ContinuationToken }));
      for (const o of page.Contents ?? []) if (o.Key) yield { key: o.Key, modifiedAt: o.LastModified ?? new Date(0) };
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  private async body(key: string) {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
      if (!res.Body) throw notFound(key, null);
      return res.Body as Readable & { transformToByteArray(): Promise<Uint8Array> };
    } catch (err) {
      if (isNotFound(err)) throw notFound(key, err);
      throw err;
    }
  }
}
