import type { BodyBlock, BodyDoc, InvitationEvent, LetterTypeFields } from '../letters/letter-content';
import { BODY_SIZE, drawBodyDoc, drawTextTable, isEmptyDoc } from './body-doc';
import { formatIndonesianDate, sifatLabel, terbilang, urgencyLabel } from './indonesian-text';
import {
  bodyOf,
  copiesHeight,
  drawAddressees,
  drawBody,
  drawCopies,
  drawHeaderFields,
  drawLabelledList,
  drawLetterhead,
  drawPeopleTable,
  drawSignatureBlock,
  signatureHeight,
  drawTitle,
  drawUrgencyMark,
  placeAndDate,
  senderTitle,
  signerPositionText,
  withOffice,
  formatNip,
} from './letter-layout';
import type { SignatureOptions } from './letter-layout';
import type { LetterRenderInput } from './letter-render-input';
import { Flow, plain } from './text-flow';

const S = BODY_SIZE;
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** A 'YYYY-MM-DD' calendar date as its parts; throws on anything else. */
function calendar(date: string): { y: number; m: number; d: number; weekday: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  const back = new Date(t);
  if (!match || Number.isNaN(t) || back.getUTCDate() !== Number(match[3])) throw new RangeError(`not a calendar date: ${date}`);
  return { y: back.getUTCFullYear(), m: back.getUTCMonth(), d: back.getUTCDate(), weekday: back.getUTCDay() };
}

/** '2026-12-07' → 'Senin, 7 Desember 2026'. */
export function hariTanggal(date: string): string {
  const c = calendar(date);
  return `${DAYS[c.weekday]}, ${c.d} ${MONTHS[c.m]} ${c.y}`;
}

/** '2026-12-07' → '7 Desember 2026'. */
export function tanggal(date: string): string {
  const c = calendar(date);
  return `${c.d} ${MONTHS[c.m]} ${c.y}`;
}

/** '09:00' (+ '12:00') → '09.00 s.d. 12.00 WIB'; without an end '09.00 WIB s.d. selesai'. */
export function pukul(start: string, end?: string): string {
  const dot = (t: string) => t.replace(':', '.');
  return end ? `${dot(start)} s.d. ${dot(end)} WIB` : `${dot(start)} WIB s.d. selesai`;
}

/** A period: '7 s.d. 9 Desember 2026', '30 November s.d. 2 Desember 2026', or one day. */
export function period(start: string, end: string): string {
  const a = calendar(start);
  const b = calendar(end);
  if (start === end) return tanggal(start);
  if (a.y === b.y && a.m === b.m) return `${a.d} s.d. ${tanggal(end)}`;
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m]} s.d. ${tanggal(end)}`;
  return `${tanggal(start)} s.d. ${tanggal(end)}`;
}

/** Diktum names: KESATU, KEDUA, …, KESEPULUH, KESEBELAS, KEDUA BELAS … */
export function diktum(n: number): string {
  return n === 1 ? 'KESATU' : `KE${terbilang(n).toUpperCase()}`;
}

/** 'Pada hari ini Senin, tanggal tujuh, bulan Desember, tahun dua ribu dua puluh enam, bertempat di …' */
export function minutesOpening(date: string, place: string): string {
  const c = calendar(date);
  return `Pada hari ini ${DAYS[c.weekday]}, tanggal ${terbilang(c.d)}, bulan ${MONTHS[c.m]}, tahun ${terbilang(c.y)}, bertempat di ${place}:`;
}

const fields = (input: LetterRenderInput): LetterTypeFields => input.typeFields ?? {};

function signatureAbove(input: LetterRenderInput, how: 'date' | 'ditetapkan' | 'none'): string[] {
  const closing = fields(input).closing === 'HORMAT_KAMI' ? ['Hormat kami,'] : [];
  if (how === 'date') return [placeAndDate(input), '', ...closing];
  if (how === 'ditetapkan') return [`Ditetapkan di ${input.office.city}`, `pada tanggal ${formatIndonesianDate(input.date)}`, '', ...closing];
  return closing;
}

/** Splits the body at its first block: the opening paragraph before a typed block, the rest after. */
function splitOpening(doc: BodyDoc): [BodyDoc, BodyDoc] {
  const [first, ...rest] = doc.content;
  const wrap = (content: BodyBlock[]): BodyDoc => ({ type: 'doc', content });
  return first ? [wrap([first]), wrap(rest)] : [wrap([]), wrap([])];
}

// ---------------------------------------------------------------------------------------------------

function suratDinas(flow: Flow, input: LetterRenderInput, middle?: (sign: SignatureOptions) => void): void {
  drawLetterhead(flow, input.office);
  drawUrgencyMark(flow, input.urgency === 'BIASA' ? null : urgencyLabel(input.urgency));
  drawHeaderFields(flow, input);
  drawAddressees(flow, input.addressees);
  const sign = { above: signatureAbove(input, 'none'), keepWith: copiesHeight(flow, input.copies) };
  if (middle) middle(sign);
  else drawBody(flow, bodyOf(input), signatureHeight(flow, input, sign));
  drawSignatureBlock(flow, input, sign);
  drawCopies(flow, input.copies);
}

function invitationBlock(flow: Flow, events: InvitationEvent[]): void {
  const x = flow.left + 28;
  const style = { size: S, labelWidth: 86, x, width: flow.width - 28, align: 'left' as const };
  events.forEach((e, i) => {
    flow.ensure(S * 1.22 * 5);
    if (events.length > 1) flow.text([{ text: `Acara ${i + 1}`, bold: true }], { size: S, x });
    flow.fieldRow(plain('hari, tanggal'), plain(hariTanggal(e.date)), style);
    flow.fieldRow(plain('pukul'), plain(pukul(e.startTime, e.endTime)), style);
    flow.fieldRow(plain('tempat'), plain(e.place), style);
    flow.fieldRow(plain('acara'), plain(e.agenda), style);
    flow.y += S / 2;
  });
}

function undangan(flow: Flow, input: LetterRenderInput): void {
  const f = fields(input);
  suratDinas(flow, input, (sign) => {
    const [opening, closing] = splitOpening(bodyOf(input));
    drawBody(flow, opening);
    invitationBlock(flow, f.events ?? []);
    const style = { size: S, labelWidth: 86, x: flow.left + 28, width: flow.width - 28, align: 'left' as const };
    if (f.attire) flow.fieldRow(plain('pakaian'), plain(f.attire), style);
    if (f.contact) flow.fieldRow(plain('narahubung'), plain(f.contact), style);
    flow.y += S / 2;
    drawBody(flow, closing, signatureHeight(flow, input, sign));
  });
}

function notaDinas(flow: Flow, input: LetterRenderInput): void {
  drawLetterhead(flow, input.office);
  drawUrgencyMark(flow, input.urgency === 'BIASA' ? null : urgencyLabel(input.urgency));
  drawTitle(flow, 'NOTA DINAS', input.number);
  const style = { size: S, labelWidth: 76, align: 'left' as const };
  const list = (items: string[]) => (items.length <= 1 ? items.join('') || '-' : items.map((a, i) => `${i + 1}. ${a}`).join('\n'));
  const rows: [string, string][] = [
    ['Yth.', list(input.addressees)],
    ['Dari', senderTitle(input)],
    ['Tembusan', list(input.copies)],
    ['Tanggal', formatIndonesianDate(input.date)],
    ['Sifat', sifatLabel(input.securityClass, input.urgency)],
    ['Lampiran', input.attachmentsCount > 0 ? `${input.attachmentsCount} (${terbilang(input.attachmentsCount)}) berkas` : '-'],
    ['Hal', input.subject],
  ];
  for (const [label, value] of rows) {
    const spans = value.split('\n').flatMap((line, i) => (i === 0 ? plain(line) : [{ text: '', br: true }, ...plain(line)]));
    flow.fieldRow(plain(label), spans, style);
  }
  flow.y += 4;
  flow.rule(1);
  flow.y += S;
  const sign = { above: [], memo: true };
  drawBody(flow, bodyOf(input), signatureHeight(flow, input, sign));
  drawSignatureBlock(flow, input, sign);
}

function titled(flow: Flow, input: LetterRenderInput, title: string, about: string | undefined, how: 'date' | 'ditetapkan'): void {
  drawLetterhead(flow, input.office);
  drawTitle(flow, title, input.number, about);
  if (title === 'SURAT EDARAN') drawAddressees(flow, input.addressees);
  const sign = { above: signatureAbove(input, how), keepWith: copiesHeight(flow, input.copies) };
  drawBody(flow, bodyOf(input), signatureHeight(flow, input, sign));
  drawSignatureBlock(flow, input, sign);
  drawCopies(flow, input.copies);
}

function deciderTitle(input: LetterRenderInput): string {
  const s = input.signature;
  const office = input.office.name.trim().toUpperCase();
  const principal = s.capacityPrefix === 'a.n. ' && s.onBehalfOf ? s.onBehalfOf : s.positionTitle;
  return withOffice(principal, office).toUpperCase();
}

function keputusan(flow: Flow, input: LetterRenderInput): void {
  const f = fields(input);
  const office = input.office.name.trim().toUpperCase();
  const decider = deciderTitle(input);
  const title = decider.startsWith('KETUA ') ? `KEPUTUSAN ${office}` : `KEPUTUSAN ${decider}`;
  const about = (f.about ?? input.subject).toUpperCase();
  drawLetterhead(flow, input.office, false);
  drawTitle(flow, title, input.number.toUpperCase(), about);
  flow.text(plain(`${decider},`), { size: S, align: 'center' });
  flow.y += S;
  drawLabelledList(flow, 'Menimbang', f.considering ?? [], (i) => `${String.fromCharCode(97 + (i % 26))}.`);
  drawLabelledList(flow, 'Mengingat', f.observing ?? [], (i) => `${i + 1}.`);
  drawLabelledList(flow, 'Memperhatikan', f.noting ?? [], (i) => `${i + 1}.`);
  flow.ensure(S * 6);
  flow.text(plain('MEMUTUSKAN:'), { size: S, align: 'center' });
  flow.y += S / 2;
  drawLabelledList(flow, 'Menetapkan', [`${title} TENTANG ${about}.`], () => '');
  const sign = { above: signatureAbove(input, 'ditetapkan'), keepWith: copiesHeight(flow, input.copies) };
  const decrees = f.decrees ?? [];
  decrees.forEach((d, i) => {
    // the last diktum stays with the signature
    if (i === decrees.length - 1 && isEmptyDoc(input.bodyDoc)) flow.ensure(S * 1.22 * 2 + signatureHeight(flow, input, sign));
    drawLabelledList(flow, diktum(i + 1), [d.text], () => '');
  });
  if (!isEmptyDoc(input.bodyDoc)) drawBody(flow, bodyOf(input), signatureHeight(flow, input, sign));
  drawSignatureBlock(flow, input, sign);
  drawCopies(flow, input.copies);
}

function suratTugas(flow: Flow, input: LetterRenderInput): void {
  const f = fields(input);
  drawLetterhead(flow, input.office);
  drawTitle(flow, 'SURAT TUGAS', input.number);
  const LABEL = 64; // Dasar, Kepada, Untuk
  drawLabelledList(flow, 'Dasar', f.basis ?? [], (i) => `${i + 1}.`, LABEL);
  flow.ensure(S * 8);
  flow.text([{ text: 'MEMBERI TUGAS', bold: true }], { size: S, align: 'center' });
  flow.y += S / 2;
  flow.fieldRow(plain('Kepada'), [], { size: S, labelWidth: LABEL });
  flow.y += 4;
  drawPeopleTable(flow, f.assignees ?? []);
  flow.y += S;
  const task = [f.task ?? input.subject];
  if (f.period) task[0] = `${task[0].replace(/[.;]\s*$/, '')} pada tanggal ${period(f.period.start, f.period.end)}${f.place ? ` di ${f.place}` : ''}.`;
  const sign = { above: signatureAbove(input, 'date'), keepWith: copiesHeight(flow, input.copies) };
  // 'Untuk' is the last clause when there is no body: it stays on the page of the signature
  if (isEmptyDoc(bodyOf(input))) flow.ensure(S * 1.22 * 3 + signatureHeight(flow, input, sign));
  drawLabelledList(flow, 'Untuk', task, () => '', LABEL);
  drawBody(flow, bodyOf(input), signatureHeight(flow, input, sign));
  drawSignatureBlock(flow, input, sign);
  drawCopies(flow, input.copies);
}

function suratKeterangan(flow: Flow, input: LetterRenderInput): void {
  const f = fields(input);
  drawLetterhead(flow, input.office);
  drawTitle(flow, 'SURAT KETERANGAN', input.number);
  const style = { size: S, labelWidth: 110, x: flow.left + 22, width: flow.width - 22, align: 'left' as const };
  flow.text(plain('Yang bertanda tangan di bawah ini:'), { size: S });
  flow.fieldRow(plain('Nama'), plain(input.signature.signerName), style);
  if (input.signature.signerNip) flow.fieldRow(plain('NIP'), plain(formatNip(input.signature.signerNip)), style);
  flow.fieldRow(plain('Jabatan'), plain(signerPositionText(input)), style);
  flow.y += S / 2;
  if (f.subject) {
    flow.text(plain('dengan ini menerangkan bahwa:'), { size: S });
    flow.fieldRow(plain('Nama'), plain(f.subject.name), style);
    if (f.subject.nip) flow.fieldRow(plain('NIP'), plain(formatNip(f.subject.nip)), style);
    if (f.subject.rank) flow.fieldRow(plain('Pangkat/Gol.'), plain(f.subject.rank), style);
    flow.fieldRow(plain('Jabatan'), plain(f.subject.position), style);
    flow.y += S / 2;
  }
  const sign = { above: signatureAbove(input, 'date'), keepWith: copiesHeight(flow, input.copies) };
  drawBody(flow, bodyOf(input), signatureHeight(flow, input, sign));
  drawSignatureBlock(flow, input, sign);
  drawCopies(flow, input.copies);
}

function beritaAcara(flow: Flow, input: LetterRenderInput): void {
  const f = fields(input);
  drawLetterhead(flow, input.office);
  drawTitle(flow, `BERITA ACARA ${input.subject}`, input.number);
  if (f.eventDate && f.place) {
    flow.text(plain(minutesOpening(f.eventDate, f.place)), { size: S, align: 'justify' });
    flow.y += 6;
  }
  drawBody(flow, bodyOf(input));
  if (f.parties && f.parties.length > 0) {
    flow.ensure(S * 6);
    flow.text(plain('Pihak yang hadir dan menandatangani:'), { size: S });
    flow.y += 4;
    drawTextTable(
      flow,
      ['No.', 'Nama', 'Jabatan', 'Tanda Tangan'],
      f.parties.map((p, i) => [String(i + 1), p.nip ? `${p.name}\u00a0(NIP ${p.nip})` : p.name, p.position, `${i + 1}. ..........`]),
      { x: flow.left, width: flow.width, size: S },
    );
    flow.y += S;
  }
  drawSignatureBlock(flow, input, { above: signatureAbove(input, 'date'), keepWith: copiesHeight(flow, input.copies) });
  drawCopies(flow, input.copies);
}

/** Draws the letter proper (not its lampiran) in the layout of its type. */
export function drawLetter(flow: Flow, input: LetterRenderInput): void {
  switch (input.typeCode) {
    case 'ND':
      return notaDinas(flow, input);
    case 'Und':
      return undangan(flow, input);
    case 'SE':
      return titled(flow, input, 'SURAT EDARAN', input.subject, 'ditetapkan');
    case 'Png':
      return titled(flow, input, 'PENGUMUMAN', input.subject, 'date');
    case 'Kpt':
      return keputusan(flow, input);
    case 'ST':
      return suratTugas(flow, input);
    case 'SKet':
      return suratKeterangan(flow, input);
    case 'BA':
      return beritaAcara(flow, input);
    default:
      return suratDinas(flow, input);
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

/** What the lampiran header calls the letter: 'SURAT KETUA KOMISI …', 'KEPUTUSAN KOMISI …'. */
function letterKind(input: LetterRenderInput): string {
  const office = input.office.name.trim().toUpperCase();
  const decider = deciderTitle(input);
  switch (input.typeCode) {
    case 'Kpt':
      return decider.startsWith('KETUA ') ? `KEPUTUSAN ${office}` : `KEPUTUSAN ${decider}`;
    case 'ND':
      return `NOTA DINAS ${decider}`;
    case 'SE':
      return `SURAT EDARAN ${decider}`;
    case 'ST':
      return `SURAT TUGAS ${decider}`;
    case 'BA':
      return 'BERITA ACARA';
    case 'Png':
      return `PENGUMUMAN ${decider}`;
    default:
      return `SURAT ${decider}`;
  }
}

/** Each appendix on a new page: the LAMPIRAN header at the right, its title, its body, the signer. */
export function drawAppendices(flow: Flow, input: LetterRenderInput): void {
  const appendices = fields(input).appendices ?? [];
  appendices.forEach((a, i) => {
    flow.newPage();
    const x = flow.left + flow.width * 0.45;
    const width = flow.width * 0.55;
    const header = [
      appendices.length > 1 ? `LAMPIRAN ${ROMAN[i] ?? i + 1}` : 'LAMPIRAN',
      letterKind(input),
      `NOMOR ${input.number.replace(/^nomor\s*:?\s*/i, '')}`,
      `TANGGAL ${formatIndonesianDate(input.date).toUpperCase()}`,
    ];
    if (input.typeCode === 'Kpt') {
      header[2] = header[2].toUpperCase();
      header.push(`TENTANG ${(fields(input).about ?? input.subject).toUpperCase()}`);
    }
    for (const line of header) flow.text(plain(line), { size: S - 1, x, width, align: 'left', leading: 1.18 });
    flow.y += S * 1.5;
    flow.text([{ text: a.title.toUpperCase(), bold: true }], { size: S, align: 'center', x: flow.left + 20, width: flow.width - 40 });
    flow.y += S;
    if (!isEmptyDoc(a.content)) drawBodyDoc(flow, a.content, { x: flow.left, width: flow.width, size: S });
    flow.y += S * 1.5;
    drawSignatureBlock(flow, input, { qr: false, memo: input.typeCode === 'ND' });
  });
}
