import PDFDocument from 'pdfkit';
import { SECURITY_LABEL, SheetInput, SheetNode, STATUS_LABEL, tanggal, URGENCY_LABEL } from './sheet-input';

const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN;
const LABEL_W = 120;

/**
 * The lembar disposisi of one received letter as an A4 PDF in the standard Helvetica fonts: the
 * letter's particulars and agenda number, then every disposition of the tree, indented by level.
 * A pure function of its input (CreationDate = input.asOf, pdfkit's /ID derives from the info),
 * so the same tree always renders the same bytes.
 */
export async function renderDispositionSheet(input: SheetInput): Promise<Buffer> {
  const date = new Date(Math.floor(input.asOf.getTime() / 1000) * 1000);
  const doc = new PDFDocument({
    size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, compress: true, bufferPages: true, pdfVersion: '1.7', lang: 'id-ID',
    font: 'Helvetica',
    info: { Title: `Lembar Disposisi agenda ${input.agenda.number}/${input.agenda.year}`, Author: input.officeName, Subject: 'Lembar Disposisi', Keywords: `naskah:delivery=${input.deliveryId}`, Creator: 'Naskah', Producer: 'Naskah (PDFKit)', CreationDate: date, ModDate: date },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(12).text(input.officeName.toUpperCase(), { align: 'center', width: WIDTH });
  doc.moveDown(0.3).fontSize(14).text('LEMBAR DISPOSISI', { align: 'center', width: WIDTH });
  rule(doc);
  const fields: [string, string][] = [
    ['Surat dari', input.letter.sender],
    ['Nomor surat', input.letter.number ?? '-'],
    ['Tanggal surat', tanggal(input.letter.date)],
    ['Diterima tanggal', tanggal(input.agenda.receivedAt)],
    ['Nomor agenda', `${input.agenda.number}/${input.agenda.year}`],
    ['Sifat', `${SECURITY_LABEL[input.letter.securityClass] ?? input.letter.securityClass}, ${URGENCY_LABEL[input.letter.urgency] ?? input.letter.urgency}`],
    ['Diterima oleh', input.receivedBy],
    ['Perihal', input.letter.subject],
  ];
  doc.fontSize(10);
  for (const [label, value] of fields) field(doc, label, value);
  rule(doc);
  doc.font('Helvetica-Bold').fontSize(11).text('DISPOSISI', MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
  if (!input.nodes.length) doc.font('Helvetica-Oblique').fontSize(10).text('Belum ada disposisi.', { width: WIDTH });
  input.nodes.forEach((n, i) => node(doc, n, i + 1));

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the bottom margin; without this pdfkit would open a page for it
    doc.font('Helvetica').fontSize(8).text(`Lembar disposisi — agenda ${input.agenda.number}/${input.agenda.year} — halaman ${i + 1} dari ${range.count}`, MARGIN, 841.89 - MARGIN + 14, { width: WIDTH, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function rule(doc: PDFKit.PDFDocument): void {
  doc.moveDown(0.4);
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + WIDTH, doc.y).lineWidth(0.8).stroke();
  doc.moveDown(0.5);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string, indent = 0): void {
  const y = doc.y;
  doc.font('Helvetica').text(label, MARGIN + indent, y, { width: LABEL_W - 8 });
  const afterLabel = doc.y;
  doc.text(`: ${value}`, MARGIN + indent + LABEL_W, y, { width: WIDTH - indent - LABEL_W });
  doc.y = Math.max(doc.y, afterLabel);
}

function node(doc: PDFKit.PDFDocument, n: SheetNode, ordinal: number): void {
  const indent = Math.min(n.depth, 6) * 18;
  if (doc.y > 841.89 - MARGIN - 110) doc.addPage();
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').fontSize(10).text(`${ordinal}. Dari ${n.fromPrefix ? `${n.fromPrefix} ` : ''}${n.from} kepada ${n.to}`, MARGIN + indent, doc.y, { width: WIDTH - indent });
  doc.fontSize(9.5);
  field(doc, 'Tanggal', tanggal(n.issuedAt), indent + 14);
  field(doc, 'Instruksi', n.instructions.join('; '), indent + 14);
  if (n.note) field(doc, 'Catatan', n.note, indent + 14);
  field(doc, 'Batas waktu', n.deadline ? tanggal(n.deadline) : '-', indent + 14);
  field(doc, 'Prioritas / status', `${URGENCY_LABEL[n.priority] ?? n.priority} / ${STATUS_LABEL[n.status] ?? n.status}`, indent + 14);
}
