import { sniffScannedFile } from './scanned-file';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e6b3c00000000049454e44ae426082', 'hex');

describe('scanned file sniffing', () => {
  it('accepts a PDF and a PNG by their content', async () => {
    await expect(sniffScannedFile(pdf, 1024)).resolves.toEqual({ ext: 'pdf', mime: 'application/pdf' });
    await expect(sniffScannedFile(png, 1024)).resolves.toMatchObject({ ext: 'png' });
  });

  it('refuses an executable renamed to .pdf with 415', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    await expect(sniffScannedFile(elf, 1024)).rejects.toMatchObject({ kind: 'UNSUPPORTED_MEDIA', code: 'FILE_TYPE_NOT_ALLOWED' });
    await expect(sniffScannedFile(Buffer.from('just text'), 1024)).rejects.toMatchObject({ kind: 'UNSUPPORTED_MEDIA' });
  });

  it('refuses a file over the limit with 413 before looking at it', async () => {
    await expect(sniffScannedFile(Buffer.alloc(2048), 1024)).rejects.toMatchObject({ kind: 'TOO_LARGE' });
  });
});
