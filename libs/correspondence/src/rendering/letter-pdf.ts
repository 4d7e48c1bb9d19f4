import PDFDocument from 'pdfkit';
import { securityClassLabel, urgencyLabel } from './indonesian-text';
import {
  drawAddressees,
  drawBody,
  drawCopies,
  drawHeaderFields,
  drawLetterhead,
  drawPageDecorations,
  drawSignatureBlock,
  drawUrgencyMark,
  FONT,
  PAGE,
} from './letter-layout';
import type { LetterRenderInput, RenderPdfOptions } from './letter-render-input';
import { verificationKeywords } from './pdf-metadata';

/**
 * Renders a signed letter (naskah dinas) as an A4 PDF using only the standard PDF fonts.
 *
 * The output is a pure function of the input: CreationDate and ModDate are the letter's date,
 * and pdfkit derives the trailer /ID from the metadata (an MD5 of the Info entries), so the
 * same input always gives the same bytes and the same SHA-256 — which is what gets signed and
 * what the public verification page recomputes. Nothing here reads the clock or randomness.
 */
export async function renderLetterPdf(input: LetterRenderInput, options: RenderPdfOptions = {}): Promise<Buffer> {
  if (Number.isNaN(input.date.getTime())) throw new RangeError('renderLetterPdf: invalid date');
  const date = new Date(Math.floor(input.date.getTime() / 1000) * 1000); // PDF dates hold seconds
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { ...PAGE.margins },
    compress: options.compress ?? true,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: 'id-ID',
    displayTitle: true,
    font: FONT.regular,
    info: {
      Title: `${input.typeName} Nomor ${input.number}`,
      Author: input.office.name,
      Subject: input.subject,
      Keywords: verificationKeywords(input.letterId),
      Creator: 'Naskah',
      Producer: 'Naskah (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const done = collect(doc);

  drawLetterhead(doc, input.office);
  drawUrgencyMark(doc, input.urgency === 'BIASA' ? null : urgencyLabel(input.urgency));
  drawHeaderFields(doc, input);
  drawAddressees(doc, input.addressees);
  drawBody(doc, input.body);
  drawSignatureBlock(doc, input.signature, input.verificationUrl);
  drawCopies(doc, input.copies);
  const marked = input.securityClass === 'R' || input.securityClass === 'SR';
  drawPageDecorations(doc, marked ? securityClassLabel(input.securityClass) : null);

  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
