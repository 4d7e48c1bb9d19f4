import PDFDocument from 'pdfkit';
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

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmpDate = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

/**
 * PDFKit writes the Info entries into the XMP packet unescaped (a subject with "&" or "<" would
 * break the XML) and leaves out xmp:ModifyDate, which PDF/A needs to match the Info ModDate. This
 * writes the same entries, escaped, with both dates.
 */
function replaceXmpInfo(doc: PDFKit.PDFDocument, info: { Title: string; Author: string; Subject: string; Keywords: string; Creator: string; Producer: string; CreationDate: Date; ModDate: Date }): void {
  const d = doc as unknown as { _addInfo: () => void; appendXML: (xml: string) => void };
  d._addInfo = () => {
    d.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>
            <xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>
            <xmp:MetadataDate>${xmpDate(info.ModDate)}</xmp:MetadataDate>
            <xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(info.Producer)}</pdf:Producer>
            <pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>
        </rdf:Description>`);
  };
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
