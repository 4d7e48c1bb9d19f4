import PDFDocument from 'pdfkit';
import { replaceXmpInfo } from '../../../core/src/pdf/pdfa';
import { registerPdfFonts } from '../../../core/src/pdf/fonts';
import { securityClassLabel } from './indonesian-text';
import { drawPageDecorations, PAGE } from './letter-layout';
import type { LetterRenderInput, RenderPdfOptions } from './letter-render-input';
import { drawAppendices, drawLetter } from './letter-types';
import { verificationKeywords } from './pdf-metadata';
import { Flow } from './text-flow';

/**
 * Renders a signed letter (naskah dinas) as an A4 PDF/A-2b in the layout of its type (see
 * letter-layout.ts for the Tata Naskah Dinas rules applied).
 *
 * PDF/A-2b: every font embedded (Noto Sans, DejaVu Sans for what Noto lacks; subset, TrueType
 * with ToUnicode so the text can be copied and searched), XMP metadata with pdfaid:part 2 and
 * conformance B that repeats the Info dictionary (title, author, subject, keywords, producer,
 * creator, creation and modification dates), an sRGB IEC61966-2.1 OutputIntent, no encryption,
 * no JavaScript, no transparency, no annotations.
 *
 * The output is a pure function of the input: CreationDate and ModDate are the letter's date,
 * and pdfkit derives the trailer /ID from the metadata (an MD5 of the Info entries) and the font
 * subset tags from the fonts' order of use, so the same input always gives the same bytes and the
 * same SHA-256 — which is what gets signed and what the public verification page recomputes.
 * Nothing here reads the clock or randomness.
 */
export async function renderLetterPdf(input: LetterRenderInput, options: RenderPdfOptions = {}): Promise<Buffer> {
  if (Number.isNaN(input.date.getTime())) throw new RangeError('renderLetterPdf: invalid date');
  const date = new Date(Math.floor(input.date.getTime() / 1000) * 1000); // PDF dates hold seconds
  const info = {
    Title: `${input.typeName} Nomor ${input.number}`,
    Author: input.office.name,
    Subject: input.subject,
    Keywords: verificationKeywords(input.letterId),
    Creator: 'Naskah',
    Producer: 'Naskah (PDFKit)',
    CreationDate: date,
    ModDate: date,
  };
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { ...PAGE.margins },
    compress: options.compress ?? true,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'id-ID',
    displayTitle: true,
    info,
  });
  replaceXmpInfo(doc, info);
  registerPdfFonts(doc);
  const done = collect(doc);

  const flow = new Flow(doc);
  drawLetter(flow, input);
  drawAppendices(flow, input);
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
