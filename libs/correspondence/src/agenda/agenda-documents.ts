import ExcelJS from 'exceljs';
import { createPdf, drawKop, drawTable, finishPdf, PDF_FONT, tanggalWib, TableColumn, waktuWib } from '@naskah/core';

export type RegisterKind = 'INCOMING' | 'OUTGOING';

export interface IncomingRow {
  agenda: string;
  receivedAt: Date;
  sender: string;
  number: string | null;
  /** an instant (signed) or a day (an external letter's own date) */
  letterDate: Date | string | null;
  subject: string;
  securityClass: string;
  urgency: string;
  /** to whom it went in the office: the addressed position, the dispositions, forwarding */
  to: string;
}

export interface OutgoingRow {
  number: string;
  signedAt: Date;
  to: string;
  subject: string;
  securityClass: string;
  urgency: string;
  signer: string;
  status: string;
}

export interface RegisterMeta {
  officeName: string;
  officeCity: string;
  from: string;
  to: string;
  printedAt: Date;
  printedBy: string;
}

const SECURITY: Record<string, string> = { B: 'Biasa', T: 'Terbatas', R: 'Rahasia', SR: 'Sangat Rahasia' };
const URGENCY: Record<string, string> = { BIASA: 'Biasa', SEGERA: 'Segera', AMAT_SEGERA: 'Amat Segera' };
const sifat = (cls: string, urg: string) => `${SECURITY[cls] ?? cls}, ${URGENCY[urg] ?? urg}`;

const TITLE: Record<RegisterKind, string> = { INCOMING: 'Buku Agenda Surat Masuk', OUTGOING: 'Buku Agenda Surat Keluar' };
const period = (m: RegisterMeta) => (m.from === m.to ? `Tanggal ${tanggalWib(m.from)}` : `Periode ${tanggalWib(m.from)} s.d. ${tanggalWib(m.to)}`);

interface Column extends TableColumn {
  /** XLSX column width (characters) */
  xlsx: number;
}

const INCOMING_COLUMNS: Column[] = [
  { header: 'No', width: 3.5, align: 'right', xlsx: 6 },
  { header: 'Nomor agenda', width: 7, xlsx: 12 },
  { header: 'Tanggal diterima', width: 11, xlsx: 18 },
  { header: 'Asal surat', width: 15, xlsx: 32 },
  { header: 'Nomor surat', width: 14, xlsx: 30 },
  { header: 'Tanggal surat', width: 9, xlsx: 14 },
  { header: 'Hal', width: 22, xlsx: 50 },
  { header: 'Sifat', width: 8, xlsx: 18 },
  { header: 'Diteruskan / didisposisikan kepada', width: 19, xlsx: 45 },
];
const OUTGOING_COLUMNS: Column[] = [
  { header: 'No', width: 3.5, align: 'right', xlsx: 6 },
  { header: 'Nomor surat', width: 15, xlsx: 32 },
  { header: 'Tanggal surat', width: 9, xlsx: 14 },
  { header: 'Tujuan', width: 20, xlsx: 45 },
  { header: 'Hal', width: 22, xlsx: 50 },
  { header: 'Sifat', width: 8, xlsx: 18 },
  { header: 'Penandatangan', width: 13, xlsx: 30 },
  { header: 'Keterangan', width: 11, xlsx: 22 },
];

const letterDay = (v: Date | string | null) => (v === null ? '-' : tanggalWib(v));

function pdfRows(kind: RegisterKind, rows: IncomingRow[] | OutgoingRow[]): string[][] {
  if (kind === 'INCOMING') {
    return (rows as IncomingRow[]).map((r, i) => [String(i + 1), r.agenda, waktuWib(r.receivedAt).replace(/ (\d\d\.\d\d WIB)$/, '\n$1'), r.sender, r.number ?? '-', letterDay(r.letterDate), r.subject, sifat(r.securityClass, r.urgency), r.to]);
  }
  return (rows as OutgoingRow[]).map((r, i) => [String(i + 1), r.number, tanggalWib(r.signedAt), r.to, r.subject, sifat(r.securityClass, r.urgency), r.signer, r.status]);
}

/**
 * The register as a landscape A4 PDF on the embedded fonts: kop, title and period, a table whose
 * header repeats on every page, a short header on the pages after the first, "Halaman x dari y".
 */
export async function renderAgendaPdf(kind: RegisterKind, rows: IncomingRow[] | OutgoingRow[], meta: RegisterMeta): Promise<Buffer> {
  const title = TITLE[kind];
  const h = createPdf({ layout: 'landscape', margins: { top: 36, bottom: 40, left: 36, right: 36 }, title: `${title} ${meta.officeName} ${meta.from} s.d. ${meta.to}`, author: meta.officeName, subject: title, at: meta.printedAt });
  const { doc } = h;
  doc.on('pageAdded', () => {
    const top = doc.page.margins.top;
    doc.font(PDF_FONT.bold).fontSize(9).text(`${title.toUpperCase()} (lanjutan) — ${meta.officeName} — ${period(meta)}`, h.left, top, { width: h.width, lineBreak: false, ellipsis: true });
    doc.x = h.left;
    doc.y = top + 16;
  });
  drawKop(h, { name: meta.officeName, lines: [meta.officeCity] });
  doc.font(PDF_FONT.bold).fontSize(13).text(title.toUpperCase(), h.left, doc.y, { width: h.width, align: 'center' });
  doc.font(PDF_FONT.regular).fontSize(9.5).text(period(meta), h.left, doc.y + 2, { width: h.width, align: 'center' });
  doc.moveDown(0.8);
  drawTable(h, { columns: kind === 'INCOMING' ? INCOMING_COLUMNS : OUTGOING_COLUMNS, rows: pdfRows(kind, rows), fontSize: 7.5, headerFontSize: 7.5, empty: 'Tidak ada surat pada periode ini.' });
  doc.moveDown(0.6);
  doc.font(PDF_FONT.regular).fontSize(8).text(`Jumlah: ${rows.length} surat.`, h.left, doc.y, { width: h.width });
  return finishPdf(h, `${title} · ${period(meta)} · dicetak ${waktuWib(meta.printedAt)} oleh ${meta.printedBy}`);
}

/** An instant as the Excel date-time it was in WIB (Excel dates carry no zone; the header says WIB). */
const excelWib = (d: Date) => new Date(d.getTime() + 7 * 3600_000);
/** A Jakarta day (YYYY-MM-DD) or an instant, as the Excel date of that WIB day. */
const excelDay = (v: Date | string) => (typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : new Date(`${excelWib(v).toISOString().slice(0, 10)}T00:00:00Z`));

/**
 * The register as an XLSX workbook: title lines, then a header row that stays frozen while
 * scrolling (with an autofilter), one row per letter. Dates are real Excel dates in WIB
 * (Tanggal diterima as date and time, dd/mm/yyyy hh:mm; letter dates as days, dd/mm/yyyy),
 * so they sort and filter as dates.
 */
export async function renderAgendaXlsx(kind: RegisterKind, rows: IncomingRow[] | OutgoingRow[], meta: RegisterMeta): Promise<Buffer> {
  const title = TITLE[kind];
  const columns = kind === 'INCOMING' ? INCOMING_COLUMNS : OUTGOING_COLUMNS;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Naskah';
  wb.created = meta.printedAt;
  wb.modified = meta.printedAt;
  const ws = wb.addWorksheet(kind === 'INCOMING' ? 'Agenda Surat Masuk' : 'Agenda Surat Keluar', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const lines = [title.toUpperCase(), meta.officeName, period(meta), `Dicetak ${waktuWib(meta.printedAt)} oleh ${meta.printedBy}`];
  lines.forEach((t, i) => {
    const r = ws.addRow([t]);
    r.font = { bold: i < 2, size: i === 0 ? 13 : 11 };
    ws.mergeCells(r.number, 1, r.number, columns.length);
  });
  ws.addRow([]);
  const headers = columns.map((c) => (c.header === 'Tanggal diterima' ? 'Tanggal diterima (WIB)' : c.header));
  const header = ws.addRow(headers);
  header.font = { bold: true };
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  header.eachCell((c) => {
    c.border = border;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  });
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.xlsx));
  ws.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: columns.length } };
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  const dateCols: Record<string, string> = {};
  if (kind === 'INCOMING') {
    for (const [i, r] of (rows as IncomingRow[]).entries()) {
      ws.addRow([i + 1, r.agenda, excelWib(r.receivedAt), r.sender, r.number ?? '-', r.letterDate === null ? '-' : excelDay(r.letterDate), r.subject, sifat(r.securityClass, r.urgency), r.to]);
    }
    Object.assign(dateCols, { 3: 'dd/mm/yyyy hh:mm', 6: 'dd/mm/yyyy' });
  } else {
    for (const [i, r] of (rows as OutgoingRow[]).entries()) {
      ws.addRow([i + 1, r.number, excelDay(r.signedAt), r.to, r.subject, sifat(r.securityClass, r.urgency), r.signer, r.status]);
    }
    Object.assign(dateCols, { 3: 'dd/mm/yyyy' });
  }
  for (let n = header.number + 1; n <= ws.rowCount; n++) {
    ws.getRow(n).eachCell({ includeEmpty: true }, (c, col) => {
      c.border = border;
      c.alignment = { wrapText: true, vertical: 'top' };
      if (dateCols[col] && c.value instanceof Date) c.numFmt = dateCols[col];
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
