import { PDF_FONT } from '../../../core/src/pdf/fonts';
import type { AssignedPerson, BodyDoc } from '../letters/letter-content';
import { BODY_SIZE, drawBodyDoc, drawTextTable, isEmptyDoc, plainBodyDoc } from './body-doc';
import { attachmentsLabel, formatIndonesianDate, sifatLabel, titleCaseId, urgencyLabel } from './indonesian-text';
import type { LetterRenderInput, LetterSignatureBlock } from './letter-render-input';
import { drawQrCode } from './qr-code';
import { memoTitle, officeShortName, signatureLines, withOffice } from './signature-lines';
import { drawLine, Flow, layoutText, type Line, linesHeight, plain, type Span } from './text-flow';

/**
 * Naskah dinas layouts, after the Tata Naskah Dinas of KPU (PKPU 2/2021 as amended by PKPU 8/2021,
 * which follows Perka ANRI 2/2014 — the rules SRIKANDI applies). The rules applied here:
 *
 * - Paper A4, portrait; margins 3 cm left, 2 cm top, right and bottom (the ANRI defaults).
 * - One typeface throughout (Noto Sans, embedded, standing in for the Arial the rules name: a free
 *   font with every Latin diacritic, Greek and Cyrillic), body 12 pt, single spacing, paragraphs
 *   justified; kop 16/14 pt bold, its address and contact line 10/9 pt.
 * - Kop surat: the office's name centred in capitals ("KOMISI PEMILIHAN UMUM" over the region),
 *   its address, then telephone, e-mail (pos-el) and website (laman) when the office has them, and a
 *   thick-and-thin double rule. (The KPU logo is not printed: the product holds no artwork.)
 * - Surat Dinas, Surat Undangan: place and date at the right on the line of "Nomor"; Nomor, Sifat,
 *   Lampiran and Hal at the left with initial capitals; "Yth." and the addressees (numbered when
 *   more than one) under Hal; the body; the signature block in the right half; "Tembusan:" with the
 *   numbered copies at the bottom left, kept on the page of the signature (a short list). Urgency
 *   (Segera / Amat Segera) boxed above the date.
 * - Sifat: what is not ordinary about the letter — its security class (Terbatas, Rahasia, Sangat
 *   Rahasia) and its urgency (Segera, Amat Segera), e.g. "Amat Segera", "Rahasia, Segera" — or
 *   "Biasa"; so the line agrees with the boxed urgency and the Rahasia marking.
 * - Nota Dinas: "NOTA DINAS" and its number centred, then the table Yth./Dari/Tembusan/Tanggal/Sifat/
 *   Lampiran/Hal, a rule, the body and the signature (no tembusan at the foot: it is in the table).
 *   "Dari" and the signature name the sender's position in initial capitals with its office
 *   ("Ketua KPU Kabupaten Sumbawa"), as the addressees are named.
 * - Surat Edaran, Pengumuman, Surat Tugas, Surat Keterangan, Berita Acara, Keputusan: the type's
 *   name centred in capitals, "NOMOR …" under it (and "TENTANG" + the subject in capitals for
 *   Surat Edaran, Pengumuman and Keputusan); place and date go over the signature block, for
 *   Surat Edaran and Keputusan as "Ditetapkan di … / pada tanggal …".
 * - Keputusan: "KEPUTUSAN KOMISI PEMILIHAN UMUM …" when the Ketua decides (the commission's
 *   collegial decision, as in KPU's own keputusan), "KEPUTUSAN <TITLE> …" for any other official;
 *   the deciding official's title with a comma; Menimbang a., b., …; Mengingat 1., 2., …;
 *   Memperhatikan; "MEMUTUSKAN:" centred; "Menetapkan :" with the decree's title; the diktum
 *   KESATU, KEDUA, … numbered by the layout.
 * - Surat Tugas: Dasar 1., 2., …; "MEMBERI TUGAS" centred; Kepada: the table No/Nama/NIP/Pangkat-
 *   Gol./Jabatan; Untuk: the task with its period and place.
 * - Signature block: [a.n. PRINCIPAL,] [Plt./Plh.] TITLE, [u.b. / TITLE,] then the space of the
 *   signature — here the QR code of the verification link with its caption (tanda tangan elektronik)
 *   — and the signer's name (and NIP when given). An official signing in their own capacity is
 *   named with the office ("KETUA KOMISI PEMILIHAN UMUM KABUPATEN …"); under a.n. the second line is
 *   the signer's own title as given.
 * - Lampiran: each appendix on a new page, headed at the right with "LAMPIRAN [I, II …]", the
 *   letter's kind and official, NOMOR and TANGGAL, then its title centred and its body, closed by the
 *   signer's title and name.
 * - "Halaman x dari y" at the foot of every page of a letter of more than one page; Rahasia and
 *   Sangat Rahasia letters marked in capitals at the top and the foot of every page.
 */

export { signatureLines, withOffice } from './signature-lines';

type Doc = PDFKit.PDFDocument;

/** A4 with the margins of Indonesian official letters: 3 cm left, 2 cm elsewhere. */
export const PAGE = { size: 'A4', margins: { top: 57, bottom: 62, left: 85, right: 57 } } as const;

const QR_SIZE = 72;
const KPU = 'KOMISI PEMILIHAN UMUM';
const KIP = 'KOMISI INDEPENDEN PEMILIHAN';
const S = BODY_SIZE;

const bold = (text: string): Span[] => [{ text, bold: true }];

/** Kop surat: office name centred in bold, the address and contacts, then a thick and a thin rule. */
export function drawLetterhead(flow: Flow, office: LetterRenderInput['office'], withContacts = true): void {
  const name = office.name.trim().toUpperCase();
  const head = [KPU, KIP].find((h) => name.startsWith(`${h} `));
  const center = { align: 'center' as const };
  if (head) {
    flow.text(bold(head), { size: 16, ...center, leading: 1.15 });
    flow.text(bold(name.slice(head.length + 1)), { size: 14, ...center, leading: 1.15 });
  } else {
    flow.text(bold(name), { size: 15, ...center, leading: 1.15 });
  }
  if (withContacts) {
    if (office.address) flow.text(plain(office.address), { size: 10, ...center, leading: 1.2 });
    const contacts = [
      office.phone ? `Telepon ${office.phone}` : '',
      office.email ? `Pos-el ${office.email}` : '',
      office.website ? `Laman ${office.website}` : '',
    ].filter(Boolean);
    if (contacts.length > 0) flow.text(plain(contacts.join('   ')), { size: 9, ...center, leading: 1.2 });
  }
  flow.y += 4;
  flow.rule(2.2);
  flow.y += 3;
  flow.rule(0.7);
  flow.y += 16;
}

/** 'SEGERA' / 'AMAT SEGERA' in a box at the right; nothing for Biasa. */
export function drawUrgencyMark(flow: Flow, label: string | null): void {
  if (!label) return;
  const text = label.toUpperCase();
  const [line] = layoutText(flow.doc, bold(text), 400, { size: 10 });
  const w = line.placed.reduce((m, p) => Math.max(m, p.x + p.width), 0) + 12;
  const x = flow.left + flow.width - w;
  flow.doc.save().lineWidth(1).rect(x, flow.y, w, 17).stroke().restore();
  drawLine(flow.doc, line, x + 6, flow.y + 2, 10);
  flow.y += 25;
}

/** Place and date: 'Sumbawa, 5 Maret 2024'. */
export const placeAndDate = (input: LetterRenderInput) => `${input.office.city}, ${formatIndonesianDate(input.date)}`;

/** Place and date at the right on the line of Nomor, then Nomor / Sifat / Lampiran / Hal. */
export function drawHeaderFields(flow: Flow, input: LetterRenderInput): void {
  const dateLine = layoutText(flow.doc, plain(placeAndDate(input)), flow.width * 0.4, { size: S, align: 'right' });
  const y = flow.y;
  drawLine(flow.doc, dateLine[0], flow.left + flow.width * 0.6, y, S);
  const style = { size: S, labelWidth: 64, width: flow.width * 0.6, align: 'left' as const };
  flow.fieldRow(plain('Nomor'), plain(input.number), style);
  flow.fieldRow(plain('Sifat'), plain(sifatLabel(input.securityClass, input.urgency)), style);
  flow.fieldRow(plain('Lampiran'), plain(attachmentsLabel(input.attachmentsCount)), style);
  flow.fieldRow(plain('Hal'), plain(input.subject), style);
  flow.y += S;
}

/** 'Yth.' followed by the addressees, numbered when there is more than one. */
export function drawAddressees(flow: Flow, addressees: string[]): void {
  if (addressees.length === 0) return;
  const width = flow.width * 0.62;
  if (addressees.length === 1) {
    flow.hanging(plain('Yth.'), plain(addressees[0]), { size: S, x: flow.left, indent: 32, width, align: 'left' });
  } else {
    flow.text(plain('Yth.'), { size: S });
    addressees.forEach((a, i) => flow.hanging(plain(`${i + 1}.`), plain(a), { size: S, x: flow.left, indent: 22, width, align: 'left' }));
  }
  flow.y += S;
}

/** The body: the rich document when given, else the legacy plain text. */
export function bodyOf(input: LetterRenderInput): BodyDoc {
  return input.bodyDoc ?? plainBodyDoc(input.body);
}

/** The body; `keepWithLast` points (the signature block) stay on the page of its last paragraph. */
export function drawBody(flow: Flow, doc: BodyDoc, keepWithLast = 0): void {
  if (isEmptyDoc(doc)) return;
  drawBodyDoc(flow, doc, { x: flow.left, width: flow.width, size: S }, keepWithLast + S);
  flow.y += S;
}

/** The office's name as it follows a title: 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA'. */
function officeName(input: LetterRenderInput): string {
  return input.office.name.trim().toUpperCase();
}

/** An 18-digit NIP in its printed groups: birth date, appointment month, sex, number ('19780101 200501 1 002'). */
export function formatNip(nip: string): string {
  return /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
}

/**
 * The sender of a Nota Dinas ("Dari"): the signer's own position in initial capitals with its office,
 * Plt./Plh. before it when acting — 'Ketua KPU Kabupaten Sumbawa', 'Plh. Kepala Subbagian Keuangan,
 * Umum dan Logistik KPU Kabupaten Sumbawa'.
 */
export function senderTitle(input: LetterRenderInput): string {
  const s = input.signature;
  const own = s.capacityPrefix === 'a.n. ' ? '' : s.capacityPrefix;
  return `${own}${withOffice(memoTitle(s.positionTitle), officeShortName(input.office))}`.replace(/,$/, '');
}

/** The signer's position as written in running text: 'Ketua Komisi Pemilihan Umum Kabupaten Sumbawa', 'Plt. Sekretaris …'. */
export function signerPositionText(input: LetterRenderInput): string {
  const s = input.signature;
  const own = s.capacityPrefix === 'a.n. ' ? '' : s.capacityPrefix;
  return `${own}${withOffice(titleCaseId(s.positionTitle.trim()), titleCaseId(officeName(input)))}`;
}

export function verificationCaption(url: string): string {
  return (
    'Dokumen ini ditandatangani secara elektronik (tanda tangan elektronik tidak tersertifikasi). ' +
    `Verifikasi: ${url}`
  );
}

export interface SignatureOptions {
  /** Lines printed above the title (place and date, 'Ditetapkan di …', 'Hormat kami,'). */
  above?: string[];
  /** The QR code with its caption (false on lampiran pages: name and title only). */
  qr?: boolean;
  /** The titles in initial capitals with the office's short name ('Ketua KPU Kabupaten Sumbawa,'), as in a Nota Dinas. */
  memo?: boolean;
  /** Points that must follow the block on its page (the tembusan). */
  keepWith?: number;
}

interface SignatureLayout {
  x: number;
  width: number;
  above: Line[];
  title: Line[];
  caption: Line[];
  name: Line[];
  middle: number;
  total: number;
  qr: boolean;
}

function layoutSignature(flow: Flow, input: LetterRenderInput, opts: SignatureOptions): SignatureLayout {
  const { signature, verificationUrl } = input;
  const doc = flow.doc;
  const width = flow.width * 0.5;
  const x = flow.left + flow.width - width;
  const above = (opts.above ?? []).flatMap((t) => layoutText(doc, plain(t), width, { size: S, align: 'left' }));
  const lines = opts.memo ? signatureLines(signature, officeShortName(input.office), true) : signatureLines(signature, officeName(input));
  const title = lines.flatMap((t) => layoutText(doc, plain(t), width, { size: S, align: 'left' }));
  const caption = layoutText(doc, [{ text: verificationCaption(verificationUrl), italic: true }], width - QR_SIZE - 8, { size: 7, leading: 1.15, align: 'left' });
  const name = [
    ...layoutText(doc, [{ text: signature.signerName, bold: true }], width, { size: S, align: 'left' }),
    ...(signature.signerNip ? layoutText(doc, plain(`NIP ${formatNip(signature.signerNip)}`), width, { size: S }) : []),
  ];
  const qr = opts.qr ?? true;
  const middle = qr ? Math.max(QR_SIZE, linesHeight(caption)) + 12 : 52;
  const total = linesHeight(above) + linesHeight(title) + middle + linesHeight(name) + (opts.keepWith ?? 0);
  return { x, width, above, title, caption, name, middle, total, qr };
}

/** The height the signature block takes (to keep the closing paragraph with it). */
export function signatureHeight(flow: Flow, input: LetterRenderInput, opts: SignatureOptions = {}): number {
  return layoutSignature(flow, input, opts).total + 6;
}

/** Signature block in the right half: position, QR code with caption, signer's name. Never split. */
export function drawSignatureBlock(flow: Flow, input: LetterRenderInput, opts: SignatureOptions = {}): void {
  const doc = flow.doc;
  const l = layoutSignature(flow, input, opts);
  flow.ensure(l.total + 6);
  let y = flow.y;
  for (const line of [...l.above, ...l.title]) {
    drawLine(doc, line, l.x, y, S);
    y += line.height;
  }
  if (l.qr) {
    const top = y + 6;
    drawQrCode(doc, input.verificationUrl, l.x, top, QR_SIZE);
    let cy = top;
    for (const line of l.caption) {
      drawLine(doc, line, l.x + QR_SIZE + 8, cy, 7);
      cy += line.height;
    }
  }
  y += l.middle;
  for (const line of l.name) {
    drawLine(doc, line, l.x, y, S);
    y += line.height;
  }
  flow.y = y + S / 2;
}

const COPIES_SIZE = S - 1;

/**
 * The height of 'Tembusan:' and its copies, to keep them on the page of the signature block; a
 * long list (over a quarter of the page) keeps only its heading and first copy there.
 */
export function copiesHeight(flow: Flow, copies: string[]): number {
  if (copies.length === 0) return 0;
  const size = COPIES_SIZE;
  const width = copies.length === 1 ? flow.width : flow.width - 20;
  const heights = copies.map((c) => linesHeight(layoutText(flow.doc, plain(c), width, { size, align: 'left' })));
  const heading = size * 1.22;
  const all = heading + heights.reduce((a, b) => a + b, 0);
  return all <= (flow.bottom - flow.top) / 4 ? all : heading + heights[0];
}

/** 'Tembusan:' and the copies, numbered when there is more than one. */
export function drawCopies(flow: Flow, copies: string[]): void {
  if (copies.length === 0) return;
  const size = COPIES_SIZE;
  flow.ensure(size * 1.22 * 2);
  flow.text(plain('Tembusan:'), { size });
  if (copies.length === 1) flow.text(plain(copies[0]), { size, align: 'left' });
  else copies.forEach((c, i) => flow.hanging(plain(`${i + 1}.`), plain(c), { size, x: flow.left, indent: 20, align: 'left' }));
}

/** The type's name centred in bold capitals with 'NOMOR …' under it, and 'TENTANG' + the subject. */
export function drawTitle(flow: Flow, title: string, number: string | null, about?: string): void {
  flow.text(bold(title.toUpperCase()), { size: S + 1, align: 'center' });
  if (number) flow.text(plain(`NOMOR ${number.replace(/^nomor\s*:?\s*/i, '')}`), { size: S, align: 'center' });
  if (about) {
    flow.text(plain('TENTANG'), { size: S, align: 'center' });
    flow.text(plain(about.toUpperCase()), { size: S, align: 'center', x: flow.left + 30, width: flow.width - 60 });
  }
  flow.y += S;
}

/** Labelled rows (Menimbang / Mengingat / Dasar / Untuk) whose value is an enumerated list. */
export function drawLabelledList(flow: Flow, label: string, items: string[], marker: (i: number) => string, labelWidth = 104): void {
  if (items.length === 0) return;
  const x = flow.left;
  const colon = 10;
  const valueX = x + labelWidth + colon;
  const valueWidth = flow.width - labelWidth - colon;
  items.forEach((item, i) => {
    const body = layoutText(flow.doc, plain(item), valueWidth - (items.length > 1 ? 22 : 0), { size: S, align: 'justify' });
    flow.ensure(linesHeight(body.slice(0, 2)));
    if (i === 0) {
      drawLine(flow.doc, layoutText(flow.doc, plain(label), labelWidth, { size: S })[0], x, flow.y, S);
      drawLine(flow.doc, layoutText(flow.doc, plain(':'), colon, { size: S })[0], x + labelWidth, flow.y, S);
    }
    if (items.length > 1) drawLine(flow.doc, layoutText(flow.doc, plain(marker(i)), 22, { size: S })[0], valueX, flow.y, S);
    flow.lines(body, valueX + (items.length > 1 ? 22 : 0), S);
    flow.y += 3;
  });
  flow.y += S / 2;
}

/** A person as table cells: Nama, NIP, Pangkat/Gol., Jabatan ('-' for what is not given). */
export function personCells(p: AssignedPerson): string[] {
  return [p.name, p.nip ?? '-', p.rank ?? '-', p.position];
}

export function drawPeopleTable(flow: Flow, people: AssignedPerson[], x = flow.left, width = flow.width): void {
  drawTextTable(
    flow,
    ['No.', 'Nama', 'NIP', 'Pangkat/Gol.', 'Jabatan'],
    people.map((p, i) => [String(i + 1), ...personCells(p)]),
    { x, width, size: S },
  );
}

/** On every page: the security marking (Rahasia / Sangat Rahasia) top and bottom, and page numbers. */
export function drawPageDecorations(doc: Doc, marking: string | null): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const x = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const footerY = doc.page.height - 40;
    if (marking) {
      const [line] = layoutText(doc, bold(marking.toUpperCase()), width, { size: 11, align: 'center' });
      drawLine(doc, line, x, 24, 11);
      drawLine(doc, line, x, footerY, 11);
    }
    if (count > 1) {
      const [line] = layoutText(doc, plain(`Halaman ${i - start + 1} dari ${count}`), width, { size: 9, align: 'right' });
      drawLine(doc, line, x, footerY + 1, 9);
    }
  }
  doc.font(PDF_FONT.regular);
}

export { urgencyLabel };
