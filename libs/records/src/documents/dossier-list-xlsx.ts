import ExcelJS from 'exceljs';

/** A list of dossiers (daftar arsip / daftar usul) as an XLSX workbook: title lines, a header row, one row per dossier. */
export interface XlsxSheet {
  name: string;
  titleLines: string[];
  columns: { header: string; width: number }[];
  rows: (string | number | null)[][];
}

export async function renderXlsx(sheets: XlsxSheet[], meta: { creator: string; created: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.created = meta.created;
  wb.modified = meta.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Daftar');
    s.titleLines.forEach((t, i) => {
      const r = ws.addRow([t]);
      r.font = { bold: i === 0, size: i === 0 ? 13 : 11 };
      ws.mergeCells(r.number, 1, r.number, Math.max(1, s.columns.length));
    });
    ws.addRow([]);
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((c) => {
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    s.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    for (const row of s.rows) {
      const r = ws.addRow(row.map((v) => (v === null ? '' : v)));
      r.eachCell((c) => {
        c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
        c.alignment = { wrapText: true, vertical: 'top' };
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
