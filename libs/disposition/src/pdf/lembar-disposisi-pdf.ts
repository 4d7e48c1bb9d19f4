import { createPdf, drawKop, drawTable, finishPdf, PDF_FONT, PdfHandle } from '@naskah/core';
import { personLabel, SECURITY_LABEL, SheetInput, SheetNode, SheetRecipient, STATUS_LABEL, tanggal, URGENCY_LABEL, waktu } from './sheet-input';

const INDENT = 16;
const MAX_INDENT_LEVELS = 5;

/**
 * The lembar disposisi of one received letter as an A4 PDF, laid out like the paper form: the
 * kop, the title, the letter's particulars in a bordered box, then every disposition of the tree
 * on the one sheet (re-dispositions numbered 1.1, 1.1.1 and indented): who gave it (position and
 * name), the instructions ticked, priority, deadline and note, and per recipient the follow-up
 * reports, who completed it when, and a paraf column — "✓ elektronik" with the time the receipt
 * was recorded in the app, or an empty box for a wet paraf when it has not been. Pages after the
 * first repeat a short header; every page says "Halaman x dari y". Embedded fonts only.
 * A pure function of its input (CreationDate = input.asOf), so the same tree renders the same bytes.
 */
export async function renderDispositionSheet(input: SheetInput): Promise<Buffer> {
  const agenda = `${input.agenda.number}/${input.agenda.year}`;
  const h = createPdf({
    margins: { top: 42, bottom: 46, left: 48, right: 42 },
    title: `Lembar Disposisi agenda ${agenda}`, author: input.officeName, subject: 'Lembar Disposisi', keywords: `naskah:delivery=${input.deliveryId}`, at: input.asOf,
  });
  const { doc } = h;
  doc.on('pageAdded', () => continuationHeader(h, input, agenda));

  drawKop(h, { name: input.officeName, lines: [input.officeCity] });
  if (input.letter.securityClass === 'R' || input.letter.securityClass === 'SR') {
    doc.font(PDF_FONT.bold).fontSize(10).text(SECURITY_LABEL[input.letter.securityClass].toUpperCase(), h.left, doc.y, { width: h.width, align: 'right' });
  }
  doc.font(PDF_FONT.bold).fontSize(14).text('LEMBAR DISPOSISI', h.left, doc.y + 2, { width: h.width, align: 'center', characterSpacing: 1 });
  doc.moveDown(0.5);
  letterBox(h, input, agenda);
  doc.moveDown(0.8);
  doc.font(PDF_FONT.bold).fontSize(10.5).text('DISPOSISI', h.left, doc.y, { width: h.width });
  doc.moveDown(0.3);
  if (!input.nodes.length) doc.font(PDF_FONT.italic).fontSize(9.5).text('Belum ada disposisi.', h.left, doc.y, { width: h.width });
  for (const n of input.nodes) node(h, n);

  return finishPdf(h, `Lembar disposisi agenda ${agenda} · keadaan per ${waktu(input.asOf)}`);
}

function continuationHeader(h: PdfHandle, input: SheetInput, agenda: string): void {
  const { doc } = h;
  const top = doc.page.margins.top;
  doc.font(PDF_FONT.bold).fontSize(9).text(`LEMBAR DISPOSISI (lanjutan) — Agenda ${agenda}`, h.left, top, { width: h.width, lineBreak: false });
  doc.font(PDF_FONT.regular).fontSize(8).text(`${input.officeName} · Surat ${input.letter.number ?? 'tanpa nomor'} dari ${input.letter.sender}`, h.left, top + 12, { width: h.width, lineBreak: false, ellipsis: true });
  doc.moveTo(h.left, top + 24).lineTo(h.left + h.width, top + 24).lineWidth(0.8).stroke();
  doc.x = h.left;
  doc.y = top + 30;
}

/** The letter's particulars: two columns of label : value in a bordered box, Hal across the whole width. */
function letterBox(h: PdfHandle, input: SheetInput, agenda: string): void {
  const { doc } = h;
  const l = input.letter;
  const sifat = [SECURITY_LABEL[l.securityClass] ?? l.securityClass, URGENCY_LABEL[l.urgency] ?? l.urgency].join(', ');
  const left: [string, string][] = [['Surat dari', l.sender], ['Nomor surat', l.number ?? '-'], ['Tanggal surat', tanggal(l.date)]];
  const right: [string, string][] = [['Diterima tanggal', waktu(input.agenda.receivedAt)], ['Nomor agenda', agenda], ['Sifat', sifat]];
  const full: [string, string][] = [['Hal', l.subject], ['Diterima oleh', personLabel(input.receivedBy).replace('\n', ' — ')]];
  const pad = 6;
  const colW = h.width / 2;
  const labelW = 78;
  const fs = 9;
  const pairHeight = (pairs: [string, string][], w: number) =>
    pairs.reduce((sum, [, v]) => sum + Math.max(doc.font(PDF_FONT.regular).fontSize(fs).heightOfString(`: ${v}`, { width: w - labelW - 2 * pad }), 11) + 3, 0);
  const top = doc.y;
  const colH = Math.max(pairHeight(left, colW), pairHeight(right, colW)) + 2 * pad;
  const fullH = pairHeight(full, h.width) + 2 * pad;
  doc.rect(h.left, top, h.width, colH + fullH).lineWidth(0.9).stroke();
  doc.moveTo(h.left + colW, top).lineTo(h.left + colW, top + colH).lineWidth(0.5).stroke();
  doc.moveTo(h.left, top + colH).lineTo(h.left + h.width, top + colH).lineWidth(0.5).stroke();
  const write = (pairs: [string, string][], x: number, y: number, w: number) => {
    for (const [label, value] of pairs) {
      doc.font(PDF_FONT.regular).fontSize(fs).text(label, x + pad, y, { width: labelW, lineBreak: false });
      doc.font(label === 'Nomor agenda' || label === 'Hal' ? PDF_FONT.bold : PDF_FONT.regular).text(`: ${value}`, x + pad + labelW, y, { width: w - labelW - 2 * pad });
      y = Math.max(doc.y, y + 11) + 3;
    }
  };
  write(left, h.left, top + pad, colW);
  write(right, h.left + colW, top + pad, colW);
  write(full, h.left, top + colH + pad, h.width);
  doc.x = h.left;
  doc.y = top + colH + fullH;
}

/** One disposition: its band (number, from, when), the instructions ticked and the particulars, then the recipients' table. */
function node(h: PdfHandle, n: SheetNode): void {
  const { doc } = h;
  const indent = Math.min(n.depth, MAX_INDENT_LEVELS) * INDENT;
  const x = h.left + indent;
  const w = h.width - indent;
  const from = `${n.from.prefix ? `${n.from.prefix} ` : ''}${n.from.title}${n.from.name ? ` — ${n.from.name}` : ''}`;
  const band = `Dari: ${from}`;
  const numW = 12 + 6 * n.number.length;
  const textW = w - 122 - numW;
  doc.font(PDF_FONT.bold).fontSize(9);
  const bandH = Math.max(doc.heightOfString(band, { width: textW }), 11) + 8;
  // keep the band, the particulars, the table header and the first recipient together
  doc.font(PDF_FONT.regular).fontSize(8.5);
  const noteH = n.note ? doc.heightOfString(n.note, { width: w - 70 }) + 2 : 0;
  doc.fontSize(8);
  const first = n.recipients[0];
  const firstH = first ? Math.max(34, doc.heightOfString(progress(first), { width: w * 0.52 - 6 }) + 6, doc.heightOfString(personLabel(first.to), { width: w * 0.3 - 6 }) + 6) : 0;
  if (doc.y + 8 + bandH + 58 + noteH + 20 + firstH > h.bottom) doc.addPage();
  doc.y += 8;
  // the band
  const top = doc.y;
  doc.rect(x, top, w, bandH).fillColor('#dde6ef').fill().fillColor('#000000');
  doc.rect(x, top, w, bandH).lineWidth(0.6).stroke();
  doc.font(PDF_FONT.bold).fontSize(9).text(`${n.number}.`, x + 4, top + 4, { width: numW, lineBreak: false });
  doc.text(band, x + 4 + numW, top + 4, { width: textW });
  doc.font(PDF_FONT.regular).fontSize(8).text(waktu(n.issuedAt), x + w - 122, top + 5, { width: 118, align: 'right', lineBreak: false });
  doc.y = top + bandH;
  // instructions, priority, deadline, note
  const boxTop = doc.y;
  let y = boxTop + 5;
  doc.font(PDF_FONT.regular).fontSize(8.5).text('Instruksi', x + 5, y, { width: 60, lineBreak: false });
  y = checkboxes(h, n.instructions, x + 68, y, w - 73);
  const line = (label: string, value: string, bold = false) => {
    doc.font(PDF_FONT.regular).fontSize(8.5).text(label, x + 5, y, { width: 60, lineBreak: false });
    doc.font(bold ? PDF_FONT.bold : PDF_FONT.regular).text(`: ${value}`, x + 65, y, { width: w - 70 });
    y = doc.y + 2;
  };
  line('Prioritas', URGENCY_LABEL[n.priority] ?? n.priority, n.priority !== 'BIASA');
  line('Batas waktu', n.deadline ? tanggal(n.deadline) : '-', Boolean(n.deadline));
  if (n.note) line('Catatan', n.note);
  doc.rect(x, boxTop, w, y - boxTop + 3).lineWidth(0.6).stroke();
  doc.x = x;
  doc.y = y + 3;
  drawTable(h, {
    x, width: w, fontSize: 8, headerFontSize: 8, minRowHeight: 34,
    columns: [
      { header: 'Kepada (jabatan / nama)', width: 30 },
      { header: 'Laporan tindak lanjut dan penyelesaian', width: 52 },
      { header: 'Paraf', width: 18, align: 'center', font: PDF_FONT.fallback },
    ],
    rows: n.recipients.map((r) => [personLabel(r.to), progress(r), paraf(r)]),
  });
}

/** Ticked boxes (drawn, not glyphs) with the instructions' labels, wrapping; returns the y under them. */
function checkboxes(h: PdfHandle, labels: string[], x0: number, y0: number, width: number): number {
  const { doc } = h;
  doc.font(PDF_FONT.regular).fontSize(8.5);
  if (!labels.length) {
    doc.text(': -', x0 - 3, y0, { width });
    return doc.y + 2;
  }
  let x = x0;
  let y = y0;
  for (const label of labels) {
    const need = 12 + doc.widthOfString(label) + 12;
    if (x > x0 && x + need > x0 + width) {
      x = x0;
      y += 13;
    }
    doc.rect(x, y + 1, 8, 8).lineWidth(0.6).stroke();
    doc.moveTo(x + 1.6, y + 5).lineTo(x + 3.6, y + 7.4).lineTo(x + 7.2, y + 2).lineWidth(1.1).stroke().lineWidth(0.6);
    doc.text(label, x + 12, y, { lineBreak: false });
    x += need;
  }
  return y + 14;
}

function progress(r: SheetRecipient): string {
  const lines: string[] = [];
  for (const f of r.followUps) {
    const who = `${f.by.prefix ? `${f.by.prefix} ` : ''}${f.by.name ?? f.by.title}`;
    lines.push(`• ${f.body}\n   — ${who}, ${waktu(f.at)}`);
  }
  if (r.onward.length) lines.push(`Didisposisikan lanjut: ${r.onward.join(', ')}`);
  if (r.completedAt) lines.push(`Selesai ${waktu(r.completedAt)}${r.completedBy ? ` oleh ${r.completedBy}` : ''}`);
  else if (r.cancelledAt) lines.push(`Dibatalkan ${waktu(r.cancelledAt)}`);
  else lines.push(`Status: ${STATUS_LABEL[r.status] ?? r.status}`);
  return lines.join('\n');
}

/** The paraf cell: the receipt recorded in the app, or nothing (the empty box is for a wet paraf). */
function paraf(r: SheetRecipient): string {
  if (!r.readAt) return '';
  return `✓ elektronik\n${waktu(r.readAt)}${r.readBy ? `\n${r.readBy}` : ''}`;
}
