import { useEffect, useMemo, useState } from 'react';
import { Empty, Select, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { diffArrays, diffWordsWithSpace } from 'diff';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { RECIPIENT_KIND, SECURITY_CLASS, URGENCY, label } from '../labels';
import { dateTime } from '../lib/format';
import { bodyParagraphs } from './body-text';
import { ok, type FieldChange, type LetterRecipient, type LetterRevision, type RevisionComparison } from './api';
import { typeFieldPathLabel, typeFieldValue } from './ContentView';
import './letter.css';

/** The fields of a revision, in the order a drafter reads a letter. */
const FIELDS: [string, string][] = [
  ['typeCode', 'Jenis naskah'],
  ['subject', 'Hal'],
  ['summary', 'Ringkasan'],
  ['classificationCode', 'Kode klasifikasi'],
  ['securityClass', 'Klasifikasi keamanan'],
  ['urgency', 'Sifat'],
  ['recipients', 'Tujuan dan tembusan'],
  ['reviewerPositionIds', 'Pemeriksa'],
  ['signerPositionId', 'Penandatangan'],
  ['body', 'Isi naskah'],
  ['typeFields', 'Isian jenis naskah'],
];
const fieldName = (f: string) => FIELDS.find(([k]) => k === f)?.[1] ?? f;
const order = (f: string) => {
  const i = FIELDS.findIndex(([k]) => k === f);
  return i < 0 ? FIELDS.length : i;
};

export interface Names {
  position(id: number | null | undefined): string;
  office(id: number | null | undefined): string;
}

/** Two revisions side by side as one text: what was added in green, what was removed in red. */
export function RevisionDiff({ letterId, revisions, names }: { letterId: string; revisions: LetterRevision[]; names: Names }) {
  const nums = revisions.map((r) => r.revision).sort((a, b) => a - b);
  const last = nums[nums.length - 1];
  const [from, setFrom] = useState<number | undefined>(nums.length > 1 ? nums[nums.length - 2] : undefined);
  const [to, setTo] = useState<number | undefined>(last);
  useEffect(() => {
    // a new revision arrived (resubmitted while the page was open): compare the latest two again
    setFrom(nums.length > 1 ? nums[nums.length - 2] : undefined);
    setTo(last);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [last]);
  const ready = from !== undefined && to !== undefined && from !== to;
  const q = useQuery({
    queryKey: ['letter', letterId, 'compare', from, to],
    queryFn: () => ok(api.GET('/api/letters/{id}/revisions/compare', { params: { path: { id: letterId }, query: { from: from!, to: to! } } })),
    enabled: ready,
  });
  if (nums.length < 2) return <Typography.Text type="secondary">Baru ada satu revisi; perbandingan tersedia setelah naskah diubah.</Typography.Text>;
  const options = revisions
    .slice()
    .sort((a, b) => a.revision - b.revision)
    .map((r) => ({ value: r.revision, label: `Revisi ${r.revision} — ${dateTime(r.createdAt)}` }));
  return (
    <div className="revision-diff">
      <Space wrap style={{ marginBottom: 12 }}>
        <label>
          <span className="diff-select-label">Dari</span>
          <Select aria-label="Bandingkan dari revisi" value={from} onChange={setFrom} options={options} style={{ minWidth: 240, maxWidth: '100%' }} />
        </label>
        <label>
          <span className="diff-select-label">ke</span>
          <Select aria-label="Bandingkan ke revisi" value={to} onChange={setTo} options={options} style={{ minWidth: 240, maxWidth: '100%' }} />
        </label>
      </Space>
      <p className="diff-legend">
        <ins className="diff-add">ditambahkan</ins> <del className="diff-del">dihapus</del>
      </p>
      {!ready ? (
        <Typography.Text type="secondary">Pilih dua revisi yang berbeda.</Typography.Text>
      ) : q.error ? (
        <ErrorAlert error={q.error} retry={() => void q.refetch()} title="Perbandingan revisi gagal dimuat" />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.changes.length === 0 && q.data.bodyChanges.length === 0 && q.data.typeFieldChanges.length === 0 ? (
        <Empty description={`Tidak ada perbedaan isian antara revisi ${from} dan ${to}.`} />
      ) : (
        <dl className="diff-fields" aria-label={`Perbedaan revisi ${from} dan ${to}`}>
          {fieldRows(q.data).map((c) =>
            c.field === 'body' && q.data.bodyChanges.length ? (
              <BodyChanges key="body" changes={q.data.bodyChanges} />
            ) : c.field === 'typeFields' && q.data.typeFieldChanges.length ? (
              <TypeFieldChanges key="typeFields" changes={q.data.typeFieldChanges} names={names} />
            ) : (
              <FieldDiff key={c.field} change={c} names={names} />
            ),
          )}
        </dl>
      )}
    </div>
  );
}

/** The changed fields in reading order; the body and the typed fields also when only their documents changed. */
function fieldRows(d: RevisionComparison): FieldChange[] {
  const rows = d.changes.slice();
  if (d.bodyChanges.length && !rows.some((c) => c.field === 'body')) rows.push({ field: 'body', before: null, after: null } as FieldChange);
  if (d.typeFieldChanges.length && !rows.some((c) => c.field === 'typeFields')) rows.push({ field: 'typeFields', before: null, after: null } as FieldChange);
  return rows.sort((a, b) => order(a.field) - order(b.field));
}

/**
 * The body unit by unit from the API's bodyChanges (paragraphs, list items "1. …", table rows): only
 * what changed. The API pairs units by position; a pair that shares few words is shown as one removed
 * and one added, and re-paired by similarity (ParagraphDiff), so an inserted paragraph does not read as
 * every later paragraph rewritten.
 */
function BodyChanges({ changes }: { changes: RevisionComparison['bodyChanges'] }) {
  const text = (c: RevisionComparison['bodyChanges'][number], t: string | null) => (c.kind === 'tableRow' ? (t ?? '').replace(/\t/g, ' | ') : (t ?? ''));
  const before = changes.filter((c) => c.before !== null).map((c) => text(c, c.before));
  const after = changes.filter((c) => c.after !== null).map((c) => text(c, c.after));
  return (
    <>
      <dt>{fieldName('body')}</dt>
      <dd>
        <ParagraphDiff before={before} after={after} />
      </dd>
    </>
  );
}

/** The typed fields path by path (the API's typeFieldChanges), named as the form names them. */
function TypeFieldChanges({ changes, names }: { changes: RevisionComparison['typeFieldChanges']; names: Names }) {
  const pos = (id: number) => names.position(id);
  return (
    <>
      <dt>{fieldName('typeFields')}</dt>
      <dd>
        <dl className="diff-subfields">
          {changes.map((c) => (
            <div key={c.path}>
              <dt>{typeFieldPathLabel(c.path)}</dt>
              <dd>
                <WordDiff before={typeFieldValue(c.path, c.before, pos)} after={typeFieldValue(c.path, c.after, pos)} />
              </dd>
            </div>
          ))}
        </dl>
      </dd>
    </>
  );
}

function FieldDiff({ change, names }: { change: FieldChange; names: Names }) {
  const { field, before, after } = change;
  let body: React.ReactNode;
  if (field === 'body') body = <ParagraphDiff before={bodyParagraphs(before)} after={bodyParagraphs(after)} />;
  else if (field === 'recipients') body = <ParagraphDiff before={recipientLines(before, names)} after={recipientLines(after, names)} list />;
  else if (field === 'reviewerPositionIds') body = <ParagraphDiff before={ids(before).map((id, i) => `${i + 1}. ${names.position(id)}`)} after={ids(after).map((id, i) => `${i + 1}. ${names.position(id)}`)} list />;
  else body = <WordDiff before={scalar(field, before, names)} after={scalar(field, after, names)} />;
  return (
    <>
      <dt>{fieldName(field)}</dt>
      <dd>{body}</dd>
    </>
  );
}

const ids = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number).filter((n) => Number.isFinite(n)) : []);

function scalar(field: string, v: unknown, names: Names): string {
  if (v === null || v === undefined || v === '') return '';
  if (field === 'signerPositionId') return names.position(Number(v));
  if (field === 'securityClass') return label(SECURITY_CLASS, String(v));
  if (field === 'urgency') return label(URGENCY, String(v));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function recipientLines(v: unknown, names: Names): string[] {
  if (!Array.isArray(v)) return [];
  return (v as LetterRecipient[]).map((r) => {
    const who = r.externalName
      ? r.externalName
      : r.positionId
        ? names.position(r.positionId)
        : r.group
          ? `Kelompok ${r.group}${r.provinceOfficeId ? ` (${names.office(r.provinceOfficeId)})` : ''}`
          : r.distributionListId
            ? `Daftar distribusi #${r.distributionListId}`
            : `Pimpinan ${names.office(r.officeId)}`;
    return `${label(RECIPIENT_KIND, r.kind)}: ${who}`;
  });
}

const words = (t: string) => new Set(t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
/** Dice coefficient of two paragraphs' words (1: the same words). */
function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (!x.size && !y.size) return 1;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/** Words added and removed inside one text. */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffWordsWithSpace(before, after), [before, after]);
  if (!before && !after) return <span className="muted">(kosong)</span>;
  return (
    <span className="diff-text">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="diff-add">
            <span className="sr-only-text">ditambahkan: </span>
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="diff-del">
            <span className="sr-only-text">dihapus: </span>
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
}

/**
 * Paragraphs (or list lines) added, removed and changed: unchanged ones are shown plain, a removed
 * paragraph followed by an added one is shown as one paragraph with its words changed.
 */
export function ParagraphDiff({ before, after, list = false }: { before: string[]; after: string[]; list?: boolean }) {
  const rows = useMemo(() => {
    const out: { kind: 'same' | 'add' | 'del' | 'change'; a?: string; b?: string }[] = [];
    const chunks = diffArrays(before, after);
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i];
      const next = chunks[i + 1];
      if (c.removed && next?.added) {
        // a removed paragraph is the same paragraph changed when an added one (in order) shares most of its words
        const added = next.value;
        let j = 0;
        for (const a of c.value) {
          let k = j;
          while (k < added.length && similarity(a, added[k]) < 0.4) k++;
          if (k < added.length) {
            for (; j < k; j++) out.push({ kind: 'add', b: added[j] });
            out.push({ kind: 'change', a, b: added[k] });
            j = k + 1;
          } else out.push({ kind: 'del', a });
        }
        for (; j < added.length; j++) out.push({ kind: 'add', b: added[j] });
        i++;
      } else for (const v of c.value) out.push(c.added ? { kind: 'add', b: v } : c.removed ? { kind: 'del', a: v } : { kind: 'same', a: v });
    }
    return out;
  }, [before, after]);
  if (!rows.length) return <span className="muted">(kosong)</span>;
  return (
    <div className={list ? 'diff-lines' : 'diff-paragraphs'}>
      {rows.map((r, i) =>
        r.kind === 'same' ? (
          <p key={i} className="diff-same">
            {r.a}
          </p>
        ) : r.kind === 'add' ? (
          <p key={i} className="diff-block-add">
            <ins className="diff-add">
              <span className="sr-only-text">paragraf ditambahkan: </span>
              {r.b}
            </ins>
          </p>
        ) : r.kind === 'del' ? (
          <p key={i} className="diff-block-del">
            <del className="diff-del">
              <span className="sr-only-text">paragraf dihapus: </span>
              {r.a}
            </del>
          </p>
        ) : (
          <p key={i} className="diff-block-change">
            <WordDiff before={r.a!} after={r.b!} />
          </p>
        ),
      )}
    </div>
  );
}
