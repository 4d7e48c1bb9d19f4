import { attachmentsLabel, formatIndonesianDate, securityClassLabel } from './indonesian-text';
import type { LetterRenderInput, LetterSignatureBlock } from './letter-render-input';
import { drawQrCode } from './qr-code';

type Doc = PDFKit.PDFDocument;

/** A4 with the margins of Indonesian official letters: 3 cm left, 2 cm elsewhere. */
export const PAGE = { size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 } } as const;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const BODY_SIZE = 11;
const LINE_GAP = 2;
const QR_SIZE = 72;
const KPU = 'KOMISI PEMILIHAN UMUM';

const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Kop surat: office name centred in bold, the address, then a thick and a thin rule. */
export function drawLetterhead(doc: Doc, office: LetterRenderInput['office']): void {
  const name = office.name.trim().toUpperCase();
  const rest = name.startsWith(`${KPU} `) ? name.slice(KPU.length + 1) : '';
  const opts = { align: 'center' as const, width: contentWidth(doc) };
  doc.x = left(doc);
  if (rest) {
    doc.font(FONT.bold).fontSize(16).text(KPU, opts);
    doc.fontSize(14).text(rest, opts);
  } else {
    doc.font(FONT.bold).fontSize(15).text(name, opts);
  }
  if (office.address) doc.font(FONT.regular).fontSize(9).text(office.address, { ...opts, lineGap: 1 });
  const y = doc.y + 4;
  const x2 = left(doc) + contentWidth(doc);
  doc.save().lineWidth(2).moveTo(left(doc), y).lineTo(x2, y).stroke();
  doc.lineWidth(0.6).moveTo(left(doc), y + 3.2).lineTo(x2, y + 3.2).stroke().restore();
  doc.x = left(doc);
  doc.y = y + 18;
}

/** Place and date on the right, then Nomor / Sifat / Lampiran / Hal. */
export function drawHeaderFields(doc: Doc, input: LetterRenderInput): void {
  doc.font(FONT.regular).fontSize(BODY_SIZE);
  doc.text(`${input.office.city}, ${formatIndonesianDate(input.date)}`, left(doc), doc.y, {
    align: 'right',
    width: contentWidth(doc),
  });
  doc.moveDown(0.5);
  const valueWidth = contentWidth(doc) * 0.62;
  labelRow(doc, 'Nomor', input.number, valueWidth);
  labelRow(doc, 'Sifat', securityClassLabel(input.securityClass), valueWidth);
  labelRow(doc, 'Lampiran', attachmentsLabel(input.attachmentsCount), valueWidth);
  labelRow(doc, 'Hal', input.subject, valueWidth);
  doc.moveDown(1);
}

function labelRow(doc: Doc, label: string, value: string, valueWidth: number): void {
  const y = doc.y;
  const x = left(doc);
  doc.text(label, x, y, { width: 60, lineGap: LINE_GAP });
  doc.text(':', x + 62, y, { width: 8, lineGap: LINE_GAP });
  doc.text(value, x + 72, y, { width: valueWidth - 72, lineGap: LINE_GAP });
  doc.x = x;
}

/** 'Yth.' followed by the addressees, numbered when there is more than one. */
export function drawAddressees(doc: Doc, addressees: string[]): void {
  if (addressees.length === 0) return;
  doc.font(FONT.regular).fontSize(BODY_SIZE);
  const x = left(doc);
  if (addressees.length === 1) {
    hanging(doc, 'Yth.', addressees[0], x, 30, contentWidth(doc) * 0.7);
  } else {
    const y = doc.y;
    doc.text('Yth.', x, y, { width: 30, lineGap: LINE_GAP });
    doc.y = y;
    addressees.forEach((a, i) => hanging(doc, `${i + 1}.`, a, x + 30, 18, contentWidth(doc) * 0.7 - 30));
  }
  doc.x = x;
  doc.moveDown(1);
}

/** Body paragraphs (separated by blank lines), justified. */
export function drawBody(doc: Doc, body: string): void {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  doc.font(FONT.regular).fontSize(BODY_SIZE);
  for (const paragraph of paragraphs) {
    doc.text(paragraph, left(doc), doc.y, { width: contentWidth(doc), align: 'justify', lineGap: LINE_GAP });
    doc.moveDown(0.6);
  }
  doc.moveDown(0.8);
}

/** Signature lines: 'a.n. KETUA …,' then 'SEKRETARIS,'; otherwise 'Plt. KETUA …,'. */
export function signatureLines(s: LetterSignatureBlock): string[] {
  const withComma = (t: string) => (t.trim().endsWith(',') ? t.trim() : `${t.trim()},`);
  if (s.capacityPrefix === 'a.n. ' && s.onBehalfOf) return [withComma(`a.n. ${s.onBehalfOf}`), withComma(s.positionTitle)];
  return [withComma(`${s.capacityPrefix}${s.positionTitle}`)];
}

export function verificationCaption(url: string): string {
  return (
    'Dokumen ini ditandatangani secara elektronik (tanda tangan elektronik tidak tersertifikasi). ' +
    `Verifikasi: ${url}`
  );
}

/** Signature block in the right half: position, QR code with caption, signer's name. Never split. */
export function drawSignatureBlock(doc: Doc, signature: LetterSignatureBlock, verificationUrl: string): void {
  const width = contentWidth(doc) * 0.52;
  const x = left(doc) + contentWidth(doc) - width;
  const lines = signatureLines(signature).join('\n');
  const caption = verificationCaption(verificationUrl);
  const captionWidth = width - QR_SIZE - 8;

  doc.font(FONT.bold).fontSize(BODY_SIZE);
  const linesHeight = doc.heightOfString(lines, { width, align: 'center', lineGap: LINE_GAP });
  const nameHeight = doc.heightOfString(signature.signerName, { width, align: 'center' });
  doc.font(FONT.italic).fontSize(7);
  const captionHeight = doc.heightOfString(caption, { width: captionWidth, lineGap: 0.5 });
  const total = linesHeight + 8 + Math.max(QR_SIZE, captionHeight) + 8 + nameHeight;
  if (doc.y + total > doc.page.height - doc.page.margins.bottom) doc.addPage();

  doc.font(FONT.bold).fontSize(BODY_SIZE).text(lines, x, doc.y, { width, align: 'center', lineGap: LINE_GAP });
  const top = doc.y + 8;
  drawQrCode(doc, verificationUrl, x, top, QR_SIZE);
  doc.font(FONT.italic).fontSize(7).text(caption, x + QR_SIZE + 8, top, { width: captionWidth, lineGap: 0.5 });
  doc.y = top + Math.max(QR_SIZE, captionHeight) + 8;
  doc.font(FONT.bold).fontSize(BODY_SIZE).text(signature.signerName, x, doc.y, { width, align: 'center' });
  doc.x = left(doc);
  doc.moveDown(1.5);
}

/** 'Tembusan:' and the copies, numbered when there is more than one. */
export function drawCopies(doc: Doc, copies: string[]): void {
  if (copies.length === 0) return;
  const x = left(doc);
  doc.font(FONT.regular).fontSize(10).text('Tembusan:', x, doc.y, { lineGap: 1 });
  if (copies.length === 1) {
    doc.text(copies[0], x, doc.y, { width: contentWidth(doc), lineGap: 1 });
  } else {
    copies.forEach((c, i) => hanging(doc, `${i + 1}.`, c, x, 18, contentWidth(doc)));
  }
  doc.x = x;
}

/** A label (Yth., 1., 2.) with text hanging beside it. */
function hanging(doc: Doc, label: string, text: string, x: number, indent: number, width: number): void {
  if (doc.y + doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  doc.text(label, x, y, { width: indent, lineGap: LINE_GAP });
  doc.text(text, x + indent, y, { width: width - indent, lineGap: LINE_GAP });
}

/** 'SEGERA' / 'AMAT SEGERA' in a box at the right, above the date; nothing for Biasa. */
export function drawUrgencyMark(doc: Doc, label: string | null): void {
  if (!label) return;
  const text = label.toUpperCase();
  doc.font(FONT.bold).fontSize(10);
  const w = doc.widthOfString(text) + 12;
  const x = left(doc) + contentWidth(doc) - w;
  const y = doc.y;
  doc.save().lineWidth(1).rect(x, y, w, 16).stroke().restore();
  doc.text(text, x, y + 4, { width: w, align: 'center', lineBreak: false });
  doc.x = left(doc);
  doc.y = y + 24;
}

/** On every page: the security marking (Rahasia / Sangat Rahasia) top and bottom, and page numbers. */
export function drawPageDecorations(doc: Doc, marking: string | null): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    const x = left(doc);
    const width = contentWidth(doc);
    const footerY = doc.page.height - 38;
    if (marking) {
      doc.font(FONT.bold).fontSize(10);
      doc.text(marking.toUpperCase(), x, 28, { width, align: 'center', lineBreak: false });
      doc.text(marking.toUpperCase(), x, footerY, { width, align: 'center', lineBreak: false });
    }
    if (count > 1) {
      doc.font(FONT.regular).fontSize(8);
      doc.text(`Halaman ${i - start + 1} dari ${count}`, x, footerY + 1, { width, align: 'right', lineBreak: false });
    }
    doc.page.margins.bottom = bottom;
  }
}
