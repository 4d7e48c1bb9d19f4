import type { BodyBlock, BodyDoc, BodyListItem } from './letter-content';
import { inlineText, listMarker } from './letter-content-text';

/**
 * What changed in the body and the typed fields between two revisions (issue 14 item 2):
 *  - the body, block by block: each paragraph, list item and table row is one unit with its text;
 *    the two sequences are aligned (longest common subsequence) and the units that differ are
 *    ADDED, REMOVED, or CHANGED (a removed unit directly replaced by an added one of the same kind);
 *  - the typed fields, path by path (`events[0].date`: before → after; an added or removed path has
 *    null on the other side).
 */

export type BodyUnitKind = 'paragraph' | 'listItem' | 'tableRow';

export interface BodyUnit {
  kind: BodyUnitKind;
  /** Where it is in its document: `content[2].content[0]` (a list item), `content[4].content[1]` (a table row). */
  path: string;
  /** Its text: a list item with its marker ("1. …"), a table row's cells separated by a tab. */
  text: string;
  /** The unit's own nodes as JSON: a change of formatting only (bold, alignment, list style) is a change too. */
  sig: string;
}

export interface BodyBlockChange {
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  kind: BodyUnitKind;
  /** Path in the older revision's body (null when added). */
  beforePath: string | null;
  /** Path in the newer revision's body (null when removed). */
  afterPath: string | null;
  before: string | null;
  after: string | null;
}

export interface FieldPathChange {
  path: string;
  before: unknown;
  after: unknown;
}

function itemUnits(items: BodyListItem[], path: string, marker: (i: number) => string, depth: number): BodyUnit[] {
  return items.flatMap((item, i) => {
    const p = `${path}.content[${i}]`;
    const own = item.content.filter((c) => c.type === 'paragraph').map((c) => (c.type === 'paragraph' ? inlineText(c.content) : '')).join('\n');
    const nested = item.content.flatMap((c, k) => (c.type === 'paragraph' ? [] : blockUnits(c, `${p}.content[${k}]`, depth + 1)));
    const sig = JSON.stringify([marker(i), item.content.filter((c) => c.type === 'paragraph')]);
    return [{ kind: 'listItem' as const, path: p, text: `${marker(i)} ${own}`, sig }, ...nested];
  });
}

function blockUnits(b: BodyBlock, path: string, depth: number): BodyUnit[] {
  switch (b.type) {
    case 'paragraph': return [{ kind: 'paragraph', path, text: inlineText(b.content), sig: JSON.stringify(b) }];
    case 'bulletList': return itemUnits(b.content, path, () => '•', depth);
    case 'orderedList': return itemUnits(b.content, path, (i) => listMarker(b, i, depth), depth);
    case 'table':
      return b.content.map((row, r) => ({
        kind: 'tableRow' as const, path: `${path}.content[${r}]`,
        text: row.content.map((c) => c.content.map((p) => inlineText(p.content)).join(' ')).join('\t'),
        sig: JSON.stringify(row),
      }));
  }
}

/** The units of a body, in reading order. */
export function bodyUnits(doc: BodyDoc): BodyUnit[] {
  return doc.content.flatMap((b, i) => blockUnits(b, `content[${i}]`, 0));
}

/** Above this many cells of the alignment table (after the common start and end are set aside), the middle is reported as replaced. */
const MAX_LCS_CELLS = 4_000_000;

export function diffBodies(before: BodyDoc, after: BodyDoc): BodyBlockChange[] {
  const a = bodyUnits(before);
  const b = bodyUnits(after);
  const same = (x: BodyUnit, y: BodyUnit) => x.kind === y.kind && x.sig === y.sig;
  let start = 0;
  while (start < a.length && start < b.length && same(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1], b[endB - 1])) endA--, endB--;
  const ma = a.slice(start, endA);
  const mb = b.slice(start, endB);
  // the edit script of the middle: '=' kept, '-' removed from a, '+' added from b
  const script: ('=' | '-' | '+')[] = [];
  if ((ma.length + 1) * (mb.length + 1) > MAX_LCS_CELLS) {
    script.push(...ma.map(() => '-' as const), ...mb.map(() => '+' as const));
  } else {
    const w = mb.length + 1;
    const lcs = new Uint32Array((ma.length + 1) * w);
    for (let i = ma.length - 1; i >= 0; i--) {
      for (let j = mb.length - 1; j >= 0; j--) {
        lcs[i * w + j] = same(ma[i], mb[j]) ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < ma.length || j < mb.length) {
      if (i < ma.length && j < mb.length && same(ma[i], mb[j])) script.push('='), i++, j++;
      else if (j < mb.length && (i === ma.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) script.push('+'), j++;
      else script.push('-'), i++;
    }
  }
  // a run of removals followed by a run of additions: pair them up by kind as CHANGED
  const out: BodyBlockChange[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < script.length; ) {
    if (script[k] === '=') {
      i++, j++, k++;
      continue;
    }
    const removed: BodyUnit[] = [];
    const added: BodyUnit[] = [];
    while (k < script.length && script[k] !== '=') {
      if (script[k] === '-') removed.push(ma[i++]);
      else added.push(mb[j++]);
      k++;
    }
    const removedChange = (u: BodyUnit): BodyBlockChange => ({ change: 'REMOVED', kind: u.kind, beforePath: u.path, afterPath: null, before: u.text, after: null });
    const addedChange = (u: BodyUnit): BodyBlockChange => ({ change: 'ADDED', kind: u.kind, beforePath: null, afterPath: u.path, before: null, after: u.text });
    for (let x = 0; x < Math.max(removed.length, added.length); x++) {
      const [r, s] = [removed[x], added[x]];
      if (r && s && r.kind === s.kind) out.push({ change: 'CHANGED', kind: s.kind, beforePath: r.path, afterPath: s.path, before: r.text, after: s.text });
      else {
        if (r) out.push(removedChange(r));
        if (s) out.push(addedChange(s));
      }
    }
  }
  return out;
}

function leaves(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (!value.length) out.set(path, []);
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    // a lampiran body is walked like the rest: appendices[0].content.content[2].content[0].text
    const entries = Object.entries(value);
    if (!entries.length) out.set(path, {});
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
}

/** Path by path: `events[0].date: "2026-03-02" → "2026-03-03"`, added and removed paths with null on the other side. */
export function diffTypeFields(before: unknown, after: unknown): FieldPathChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before) leaves(before, '', a);
  if (after) leaves(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((p) => ({ path: p, before: a.has(p) ? a.get(p) : null, after: b.has(p) ? b.get(p) : null }));
}
