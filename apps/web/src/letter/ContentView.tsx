/**
 * A letter's content as the API holds it (README "Letter content"): the body document (`bodyDoc`, a
 * subset of the Tiptap JSON) rendered as React elements — text is always text, never HTML — and the
 * type's own fields (`typeFields`) as a readable block in the order the PDF layout prints them.
 */
import type { ReactNode } from 'react';
import type { components } from '../api/schema';
import { dayjs } from '../lib/format';

type S = components['schemas'];
export type BodyDoc = S['BodyDoc'];
export type TypeFields = S['LetterTypeFields'];
type Block = BodyDoc['content'][number];
type Inline = NonNullable<S['BodyParagraph']['content']>[number];
type ListItem = S['BodyListItem'];
type Person = { name: string; nip?: string; rank?: string; position: string };

const alpha = (n: number) => {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
};
const roman = (n: number) => {
  const t: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of t) for (; n >= v; n -= v) out += s;
  return out;
};
/** Naskah dinas number lists 1. → a. → 1) → a) by depth when no style is given (as the PDF does). */
function marker(attrs: { start?: number; listStyle?: string } | undefined, i: number, depth: number): string {
  const n = (attrs?.start ?? 1) + i;
  switch (attrs?.listStyle) {
    case 'decimal':
      return `${n}.`;
    case 'lower-alpha':
      return `${alpha(n)}.`;
    case 'upper-alpha':
      return `${alpha(n).toUpperCase()}.`;
    case 'lower-roman':
      return `${roman(n)}.`;
    default:
      return [`${n}.`, `${alpha(n)}.`, `${n})`, `${alpha(n)})`][depth % 4];
  }
}

function Inlines({ content }: { content?: Inline[] }) {
  return (
    <>
      {(content ?? []).map((n, i) => {
        if (n.type === 'hardBreak') return <br key={i} />;
        let el: ReactNode = n.text;
        const marks = (n.marks ?? []).map((m) => m.type);
        if (marks.includes('underline')) el = <u>{el}</u>;
        if (marks.includes('italic')) el = <em>{el}</em>;
        if (marks.includes('bold')) el = <strong>{el}</strong>;
        return <span key={i}>{el}</span>;
      })}
    </>
  );
}

function Paragraph({ p }: { p: S['BodyParagraph'] }) {
  const align = p.attrs?.textAlign;
  return (
    <p style={align && align !== 'justify' ? { textAlign: align } : undefined}>
      <Inlines content={p.content} />
    </p>
  );
}

function List({ block, depth }: { block: S['BodyBulletList'] | S['BodyOrderedList']; depth: number }) {
  const items = block.content.map((item: ListItem, i: number) => (
    <li key={i} data-marker={block.type === 'orderedList' ? marker(block.attrs, i, depth) : undefined}>
      {block.type === 'orderedList' && (
        <span className="body-marker" aria-hidden>
          {marker(block.attrs, i, depth)}
        </span>
      )}
      <div className="body-item">
        {item.content.map((c, k) => (c.type === 'paragraph' ? <Paragraph key={k} p={c} /> : <List key={k} block={c} depth={depth + 1} />))}
      </div>
    </li>
  ));
  return block.type === 'orderedList' ? <ol className="body-ol">{items}</ol> : <ul className="body-ul">{items}</ul>;
}

function Table({ table }: { table: S['BodyTable'] }) {
  const [first, ...rest] = table.content;
  const headed = first?.content.every((c) => c.type === 'tableHeader');
  const row = (r: S['BodyTableRow'], i: number) => (
    <tr key={i}>
      {r.content.map((c, k) =>
        c.type === 'tableHeader' ? (
          <th key={k} scope="col">
            {c.content.map((p, j) => <Paragraph key={j} p={p} />)}
          </th>
        ) : (
          <td key={k}>{c.content.map((p, j) => <Paragraph key={j} p={p} />)}</td>
        ),
      )}
    </tr>
  );
  return (
    <div className="body-table-wrap">
      <table className="body-table">
        {headed && <thead>{row(first, 0)}</thead>}
        <tbody>{(headed ? rest : table.content).map((r, i) => row(r, i + 1))}</tbody>
      </table>
    </div>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return <Paragraph p={block} />;
    case 'bulletList':
    case 'orderedList':
      return <List block={block} depth={0} />;
    case 'table':
      return <Table table={block} />;
    default:
      return null;
  }
}

/** The body document as the letter reads: paragraphs (justified), bold/italic/underline, lists, tables. */
export function BodyView({ doc }: { doc: BodyDoc }) {
  return (
    <div className="letter-body letter-doc">
      {doc.content.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </div>
  );
}

export const isEmptyBody = (doc: BodyDoc | null | undefined) =>
  !doc || doc.content.every((b) => b.type === 'paragraph' && !(b.content ?? []).some((i) => i.type === 'text' && i.text.trim()));

// ------------------------------------------------------------------------------------------------
// Typed fields
// ------------------------------------------------------------------------------------------------

const ORDINAL = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA', 'KEENAM', 'KETUJUH', 'KEDELAPAN', 'KESEMBILAN', 'KESEPULUH'];
const ROMAN_UP = (n: number) => roman(n).toUpperCase();

/** 'YYYY-MM-DD' as "Senin, 14 Desember 2026". */
export const longDate = (d?: string) => (d && dayjs(d).isValid() ? dayjs(d).format('dddd, D MMMM YYYY') : (d ?? '—'));
/** 'HH:mm' as "09.00". */
const time = (t?: string) => (t ? t.replace(':', '.') : '');

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <table className="tf-rows">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="tf-colon">:</td>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function People({ people, caption }: { people: Person[]; caption: string }) {
  return (
    <div className="body-table-wrap">
      <table className="body-table tf-people">
        <caption className="sr-only-text">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Nama</th>
            <th scope="col">NIP</th>
            <th scope="col">Pangkat/golongan</th>
            <th scope="col">Jabatan</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p, i) => (
            <tr key={i}>
              <td>{i + 1}.</td>
              <td>{p.name}</td>
              <td>{p.nip ?? '—'}</td>
              <td>{p.rank ?? '—'}</td>
              <td>{p.position}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Numbered({ items, mark }: { items: string[]; mark: (i: number) => string }) {
  return (
    <ol className="body-ol">
      {items.map((t, i) => (
        <li key={i}>
          <span className="body-marker" aria-hidden>
            {mark(i)}
          </span>
          <div className="body-item">
            <p>{t}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * The type's own fields as the letter prints them: Undangan's acara, Surat Tugas's dasar / yang
 * ditugaskan / untuk, Keputusan's menimbang / mengingat / memutuskan, Berita Acara's and Surat
 * Keterangan's people; then a.n./u.b. and the lampiran pages. Nothing when the letter has none.
 */
export function TypeFieldsView({ typeCode, fields, position, part = 'all' }: { typeCode: string; fields: TypeFields | null | undefined; position: (id: number) => string; part?: 'all' | 'own' | 'appendices' }) {
  if (!fields) return null;
  const f = fields as TypeFields & Record<string, unknown>;
  const parts: ReactNode[] = [];
  const h = (key: string, text: string) => (
    <h3 key={`h-${key}`} className="tf-h">
      {text}
    </h3>
  );

  if (typeCode === 'Und' && f.events?.length) {
    parts.push(h('acara', 'Acara'));
    f.events.forEach((e, i) =>
      parts.push(
        <div key={`ev-${i}`} className="tf-event" role="group" aria-label={`Acara ${i + 1}`}>
          {f.events!.length > 1 && <div className="tf-sub">Acara {i + 1}</div>}
          <Rows
            rows={[
              ['Hari/tanggal', longDate(e.date)],
              ['Waktu', `${time(e.startTime)}${e.endTime ? ` – ${time(e.endTime)}` : ''} WIB${e.endTime ? '' : ' s.d. selesai'}`],
              ['Tempat', e.place],
              ['Acara', e.agenda],
            ]}
          />
        </div>,
      ),
    );
    const extra: [string, ReactNode][] = [];
    if (f.attire) extra.push(['Pakaian', f.attire]);
    if (f.contact) extra.push(['Narahubung', f.contact]);
    if (extra.length) parts.push(<Rows key="und-extra" rows={extra} />);
  }

  if (typeCode === 'ST') {
    if (f.basis?.length) parts.push(h('dasar', 'Dasar'), <Numbered key="basis" items={f.basis} mark={(i) => `${i + 1}.`} />);
    if (f.assignees?.length) parts.push(h('kepada', 'Kepada (yang ditugaskan)'), <People key="assignees" people={f.assignees as Person[]} caption="Yang ditugaskan" />);
    const rows: [string, ReactNode][] = [];
    if (f.task) rows.push(['Untuk', f.task]);
    if (f.period) rows.push(['Masa tugas', f.period.start === f.period.end ? longDate(f.period.start) : `${longDate(f.period.start)} s.d. ${longDate(f.period.end)}`]);
    if (typeof f.place === 'string' && f.place) rows.push(['Tempat', f.place]);
    if (rows.length) parts.push(<Rows key="st-rows" rows={rows} />);
  }

  if (typeCode === 'Kpt') {
    // as the decree prints: Menimbang/Mengingat/Memperhatikan : a. … ; MEMUTUSKAN: ; Menetapkan : … ; KESATU : …
    const rows: [string, ReactNode][] = [];
    if (f.considering?.length) rows.push(['Menimbang', <Numbered items={f.considering} mark={(i) => `${alpha(i + 1)}.`} />]);
    if (f.observing?.length) rows.push(['Mengingat', <Numbered items={f.observing} mark={(i) => `${i + 1}.`} />]);
    if (f.noting?.length) rows.push(['Memperhatikan', <Numbered items={f.noting} mark={(i) => `${i + 1}.`} />]);
    if (rows.length) parts.push(<Rows key="kpt-basis" rows={rows} />);
    if (f.about || f.decrees?.length) parts.push(<p key="memutuskan" className="tf-memutuskan">MEMUTUSKAN:</p>);
    const decree: [string, ReactNode][] = [];
    if (f.about) decree.push(['Menetapkan', <strong>KEPUTUSAN TENTANG {f.about.toUpperCase()}.</strong>]);
    (f.decrees ?? []).forEach((d, i) => decree.push([ORDINAL[i] ?? `KE-${i + 1}`, d.text]));
    if (decree.length) parts.push(<Rows key="decrees" rows={decree} />);
  }

  if (typeCode === 'BA') {
    const rows: [string, ReactNode][] = [];
    if (f.eventDate) rows.push(['Hari/tanggal', longDate(f.eventDate)]);
    if (typeof f.place === 'string' && f.place) rows.push(['Tempat', f.place]);
    if (rows.length) parts.push(h('ba', 'Waktu dan tempat'), <Rows key="ba-rows" rows={rows} />);
    if (f.parties?.length) parts.push(h('pihak', 'Para pihak/saksi'), <People key="parties" people={f.parties as Person[]} caption="Para pihak/saksi" />);
  }

  if (typeCode === 'SKet' && f.subject && typeof f.subject === 'object') {
    const p = f.subject as Person;
    parts.push(h('ket', 'Yang diterangkan'), <Rows key="sket" rows={[['Nama', p.name], ['NIP', p.nip ?? '—'], ['Pangkat/golongan', p.rank ?? '—'], ['Jabatan', p.position]]} />);
  }

  const sig: [string, ReactNode][] = [];
  if (f.onBehalfOfPositionId) sig.push(['a.n. (atas nama)', position(f.onBehalfOfPositionId)]);
  if (f.throughPositionId) sig.push(['u.b. (untuk beliau)', position(f.throughPositionId)]);
  if (f.closing === 'HORMAT_KAMI') sig.push(['Salam penutup', 'Hormat kami']);
  if (sig.length) parts.push(h('ttd', 'Penandatanganan'), <Rows key="sig" rows={sig} />);

  const own = parts.length ? (
    <section className="letter-type-fields" aria-label="Isian jenis naskah">
      {parts}
    </section>
  ) : null;
  const appendices = f.appendices?.length ? (
    <section className="letter-appendices" aria-label="Halaman lampiran">
      {f.appendices.map((a, i) => (
        <div key={i} className="letter-appendix">
          <h3 className="tf-h">
            Lampiran {ROMAN_UP(i + 1)}: {a.title}
          </h3>
          <BodyView doc={a.content as BodyDoc} />
        </div>
      ))}
    </section>
  ) : null;
  return (
    <>
      {part !== 'appendices' && own}
      {part !== 'own' && appendices}
    </>
  );
}

// ------------------------------------------------------------------------------------------------
// typeFieldChanges paths (events[0].date) in words
// ------------------------------------------------------------------------------------------------

const KEY_LABELS: Record<string, string> = {
  events: 'Acara',
  date: 'Hari/tanggal',
  startTime: 'Waktu mulai',
  endTime: 'Waktu selesai',
  place: 'Tempat',
  agenda: 'Acara',
  attire: 'Pakaian',
  contact: 'Narahubung',
  basis: 'Dasar',
  assignees: 'Yang ditugaskan',
  task: 'Untuk',
  period: 'Masa tugas',
  start: 'mulai',
  end: 'selesai',
  about: 'Tentang',
  considering: 'Menimbang',
  observing: 'Mengingat',
  noting: 'Memperhatikan',
  decrees: 'Diktum',
  text: '',
  eventDate: 'Tanggal kejadian',
  parties: 'Para pihak/saksi',
  subject: 'Yang diterangkan',
  name: 'Nama',
  nip: 'NIP',
  rank: 'Pangkat/golongan',
  position: 'Jabatan',
  appendices: 'Lampiran',
  title: 'Judul',
  content: 'Isi',
  closing: 'Salam penutup',
  onBehalfOfPositionId: 'a.n.',
  throughPositionId: 'u.b.',
};

/** `events[0].date` → "Acara 1 — Hari/tanggal"; `decrees[1].text` → "Diktum KEDUA". */
export function typeFieldPathLabel(path: string): string {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (/^\d+$/.test(p)) {
      const n = Number(p);
      const prev = parts[i - 1];
      out[out.length - 1] += prev === 'decrees' ? ` ${ORDINAL[n] ?? n + 1}` : prev === 'considering' ? ` ${alpha(n + 1)}.` : prev === 'appendices' ? ` ${ROMAN_UP(n + 1)}` : ` ${n + 1}`;
    } else {
      const l = KEY_LABELS[p] ?? p;
      if (l) out.push(l);
    }
  }
  return out.join(' — ');
}

/** A typed field's value in words (dates in Indonesian, a person by name, a document by its text). */
export function typeFieldValue(path: string, v: unknown, position: (id: number) => string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? longDate(v) : v;
  if (typeof v === 'number') return /PositionId$/.test(path) ? position(v) : String(v);
  if (Array.isArray(v)) return v.map((x) => typeFieldValue(path, x, position)).join('; ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.type === 'doc') return '(isi halaman lampiran)';
    if (typeof o.text === 'string') return o.text;
    return Object.entries(o)
      .map(([k, x]) => `${KEY_LABELS[k] ?? k}: ${typeFieldValue(k, x, position)}`)
      .join(', ');
  }
  return String(v);
}
