import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import {
  CounterDimension, counterScopeKey, formatSeq, nextUnusedSeq, numberCollisionRisks, numberLikePattern, numberParts, NumberingError, parseCounterScope, placeholdersOf,
  renderNumber, validateTemplate,
} from '../numbering';

export type TemplateSource = 'OFFICE_TYPE' | 'OFFICE' | 'TYPE' | 'GLOBAL';

const SOURCE_LABELS: Record<TemplateSource, string> = {
  OFFICE_TYPE: 'templat satker untuk jenis naskah ini',
  OFFICE: 'templat bawaan satker',
  TYPE: 'templat bawaan jenis naskah',
  GLOBAL: 'templat bawaan nasional',
};

const DIMENSION_LABELS: Record<CounterDimension, string> = {
  office: 'satker', type: 'jenis naskah', year: 'tahun', unit: 'unit kerja penandatangan', classification: 'kode klasifikasi', month: 'bulan',
};

export interface NumberTemplateView {
  id: number;
  officeId: number | null;
  typeCode: string | null;
  source: TemplateSource;
  sourceLabel: string;
  template: string;
  counterScope: CounterDimension[];
  unitCode: string | null;
  updatedAt: Date | null;
  updatedByUserId: number | null;
}

export interface NumberPreview {
  officeId: number;
  officeCode: string;
  typeCode: string;
  /** The classification the preview was rendered with; `classificationIsSample` when none was given. */
  classification: string | null;
  classificationIsSample: boolean;
  counterScope: CounterDimension[];
  /** `satker + jenis naskah + tahun`: which letters share one running number. */
  counterScopeLabel: string;
  /** The counter row the next letter draws from; null when the scope needs a value the preview was not given (unitId). */
  counterKey: string | null;
  /** The counter's value now (0: not started). */
  counterValue: number;
  nextSeq: number | null;
  nextNumber: string | null;
  /** Numbers of this shape already issued under another template or counter scope that the counter will pass over. */
  skipsIssued: number;
  note: string;
}

export interface SetNumberTemplateInput {
  officeId?: number | null;
  typeCode?: string | null;
  template: string;
  counterScope: string[];
  unitCode?: string | null;
  reason: string;
}

const unprocessable = (code: string, field: string, message: string, problems: string[]) =>
  new DomainError(code, 'UNPROCESSABLE', `${message}: ${problems.join('; ')}`, { problems, fields: [{ field, reason: problems.join('; ') }] });

const asField = (field: string, err: unknown) => (err instanceof NumberingError ? unprocessable(err.code, field, err.message.split(':')[0], err.problems.length ? err.problems : [err.message]) : err);

/** A 6-digit running number: the length check renders with it. */
const LONG_SEQ = 999_999;

/**
 * Number templates per office and letter type as data (DESIGN §3, §7): the row signing uses is the
 * most specific one (office + type, office, type, global — the same order as the signing batch).
 * Changing a template or its counter scope never reuses a number: a template with the same scope
 * keeps its counter (the key is made of the scope's values, not of the template), a new scope
 * starts a new counter key, and signing passes over any sequence whose number the office already
 * holds (SigningService; `uq_letters_office_number` is the backstop).
 */
@Injectable()
export class NumberTemplatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<NumberTemplateView[]> {
    const rows = await this.ds.query('SELECT * FROM numbering_templates ORDER BY office_id IS NOT NULL, office_id, type_code IS NOT NULL, type_code');
    return rows.map(viewOf);
  }

  /** The template a letter of this type from this office is numbered with, the rows it was chosen from, and its next number. */
  async effective(officeId: number, typeCode: string, opts: { classification?: string; unitId?: number } = {}) {
    await this.assertType(typeCode, 'typeCode');
    const candidates = (
      await this.ds.query(
        `SELECT * FROM numbering_templates WHERE (office_id = ? OR office_id IS NULL) AND (type_code = ? OR type_code IS NULL)
         ORDER BY office_id IS NULL, type_code IS NULL`,
        [officeId, typeCode],
      )
    ).map(viewOf) as NumberTemplateView[];
    const office = await this.office(officeId, 'officeId');
    if (!candidates.length) throw new DomainError('NO_NUMBER_TEMPLATE', 'UNPROCESSABLE', 'Templat penomoran belum diatur untuk satker ini');
    return { effective: candidates[0], candidates, preview: await this.preview(candidates[0], office, typeCode, opts) };
  }

  /**
   * Sets the row of exactly (officeId, typeCode) — either may be null for a default — after
   * checking it whole: known placeholders and `{seq}`, a valid counter scope whose every dimension
   * shows in the number, `{unit}` only with a unit code, and a number of at most 120 characters
   * with the longest values it can take. Audited with who and why.
   */
  async set(actor: Actor, input: SetNumberTemplateInput) {
    const officeId = input.officeId ?? null;
    const typeCode = input.typeCode ?? null;
    const office = officeId === null ? null : await this.office(officeId, 'officeId');
    if (typeCode !== null) await this.assertType(typeCode, 'typeCode');
    const checked = validateTemplate(input.template);
    if (!checked.ok) throw unprocessable('NUMBER_TEMPLATE_INVALID', 'template', 'Templat nomor tidak valid (invalid number template)', checked.errors);
    // one sequence per number: a second {seq} would print the counter twice
    if ((input.template.match(/\{seq(?::\d+)?\}/g) ?? []).length > 1) throw unprocessable('NUMBER_TEMPLATE_INVALID', 'template', 'Templat nomor memuat {seq} lebih dari sekali (more than one {seq})', ['{seq} hanya sekali']);
    let scope: CounterDimension[];
    try {
      scope = parseCounterScope(input.counterScope);
    } catch (err) {
      throw asField('counterScope', err);
    }
    const risks = numberCollisionRisks(input.template, scope, { typeBound: typeCode !== null });
    if (risks.length) throw unprocessable('NUMBER_TEMPLATE_AMBIGUOUS', 'template', 'Templat dan lingkup penghitung dapat menghasilkan nomor kembar (ambiguous number)', risks);
    const unitCode = input.unitCode?.trim() || null;
    if (placeholdersOf(input.template).includes('unit') && !unitCode) {
      throw unprocessable('NUMBER_VALUE_MISSING', 'unitCode', 'Templat memuat {unit}', ['isi unitCode (kode unit yang dicetak pada nomor)']);
    }
    await this.assertLength(input.template, { region: office?.code ?? null, typeCode, unitCode });

    const stored = scope.join(',');
    const result = await inTransaction(this.ds, async (em) => {
      // one writer at a time (the unique key lets NULL cells repeat): every writer locks the oldest row first
      await em.query('SELECT id FROM numbering_templates ORDER BY id LIMIT 1 FOR UPDATE');
      const [before] = await em.query('SELECT * FROM numbering_templates WHERE office_id <=> ? AND type_code <=> ? ORDER BY id LIMIT 1 FOR UPDATE', [officeId, typeCode]);
      if (before && before.template === input.template && before.counter_scope === stored && (before.unit_code ?? null) === unitCode) return { id: Number(before.id), changed: false };
      let id: number;
      if (before) {
        id = Number(before.id);
        await em.query(
          'UPDATE numbering_templates SET template = ?, counter_scope = ?, unit_code = ?, updated_at = CURRENT_TIMESTAMP(3), updated_by_user_id = ? WHERE id = ?',
          [input.template, stored, unitCode, actor.userId, id],
        );
      } else {
        const res = await em.query(
          'INSERT INTO numbering_templates (office_id, type_code, template, counter_scope, unit_code, updated_at, updated_by_user_id) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), ?)',
          [officeId, typeCode, input.template, stored, unitCode, actor.userId],
        );
        id = Number(res.insertId);
      }
      const shape = (r: Record<string, unknown> | undefined) => (r ? { template: r.template, counterScope: r.counter_scope, unitCode: r.unit_code ?? null } : null);
      await this.audit.record(em, actor, {
        action: 'NUMBER_TEMPLATE_CHANGED', entityType: 'numbering_template', entityId: id, officeId,
        before: shape(before), after: { officeId, typeCode, template: input.template, counterScope: stored, unitCode, reason: input.reason },
      });
      return { id, changed: true };
    });
    const [row] = await this.ds.query('SELECT * FROM numbering_templates WHERE id = ?', [result.id]);
    const view = viewOf(row);
    // the preview of this row's next number: at its office (KPU RI for a default row) and type (SD for a default row)
    const at = office ?? (await this.office(Number((await this.ds.query("SELECT id FROM offices WHERE level = 'RI' ORDER BY id LIMIT 1"))[0].id), 'officeId'));
    return { template: view, changed: result.changed, preview: await this.preview(view, at, typeCode ?? 'SD', {}) };
  }

  private async preview(t: NumberTemplateView, office: { id: number; code: string }, typeCode: string, opts: { classification?: string; unitId?: number }): Promise<NumberPreview> {
    const now = this.clock.now();
    const sample = opts.classification === undefined;
    const classification = opts.classification ?? (await this.sampleClassification());
    let counterKey: string | null = null;
    let keyProblem: string | null = null;
    try {
      counterKey = `letter|${counterScopeKey(t.counterScope, { officeId: office.id, typeCode, date: now, unitId: opts.unitId ?? null, classification })}`;
    } catch (err) {
      if (!(err instanceof NumberingError)) throw err;
      keyProblem = err.problems.join('; ');
    }
    let parts;
    try {
      parts = numberParts(t.template, { classification, type: typeCode, region: office.code, unit: t.unitCode ?? undefined, office: 'KPU', date: now });
    } catch (err) {
      throw asField('template', err);
    }
    const [counter] = counterKey ? await this.ds.query('SELECT value FROM number_counters WHERE scope_key = ?', [counterKey]) : [];
    const counterValue = counter ? Number(counter.value) : 0;
    let nextSeq: number | null = null;
    let skipsIssued = 0;
    if (counterKey) {
      const issued: string[] = (await this.ds.query('SELECT number FROM letters WHERE office_id = ? AND number LIKE ?', [office.id, numberLikePattern(parts)])).map((r: { number: string }) => r.number);
      nextSeq = nextUnusedSeq(parts, issued, counterValue + 1);
      skipsIssued = nextSeq - counterValue - 1;
    }
    const nextNumber = nextSeq === null ? null : parts.map((p) => (typeof p === 'string' ? p : formatSeq(nextSeq, p.width))).join('');
    return {
      officeId: office.id, officeCode: office.code, typeCode, classification, classificationIsSample: sample,
      counterScope: t.counterScope, counterScopeLabel: t.counterScope.map((d) => DIMENSION_LABELS[d]).join(' + '),
      counterKey, counterValue, nextSeq, nextNumber, skipsIssued,
      note: keyProblem
        ? `Pratinjau tanpa nomor: ${keyProblem} (isi unitId untuk lingkup per unit kerja)`
        : 'Pratinjau: nomor ini belum diambil; nomor diberikan saat penandatanganan dan dapat berbeda bila naskah lain ditandatangani lebih dulu',
    };
  }

  /** The number must fit its column with the longest values it can take and a 6-digit running number. */
  private async assertLength(template: string, v: { region: string | null; typeCode: string | null; unitCode: string | null }): Promise<void> {
    const longest = async (sql: string) => ((await this.ds.query(sql))[0]?.code as string | undefined) ?? undefined;
    const context = {
      seq: LONG_SEQ,
      classification: (await longest('SELECT code FROM classifications ORDER BY CHAR_LENGTH(code) DESC, code LIMIT 1')) ?? 'XX.00.0',
      type: v.typeCode ?? (await longest('SELECT code FROM letter_types ORDER BY CHAR_LENGTH(code) DESC, code LIMIT 1')) ?? 'SD',
      region: v.region ?? (await longest('SELECT code FROM offices ORDER BY CHAR_LENGTH(code) DESC, code LIMIT 1')) ?? '0000',
      unit: v.unitCode, office: 'KPU', date: this.clock.now(),
    };
    try {
      renderNumber(template, context);
    } catch (err) {
      throw asField('template', err);
    }
  }

  private async sampleClassification(): Promise<string | null> {
    const [r] = await this.ds.query('SELECT code FROM classifications ORDER BY code LIMIT 1');
    return r ? String(r.code) : null;
  }

  private async office(id: number, field: string): Promise<{ id: number; code: string }> {
    const [r] = await this.ds.query('SELECT id, code FROM offices WHERE id = ?', [id]);
    if (!r) throw unprocessable('OFFICE_NOT_FOUND', field, 'Satker tidak ditemukan (unknown office)', [`satker ${id} tidak ada`]);
    return { id: Number(r.id), code: String(r.code) };
  }

  private async assertType(code: string, field: string, em: EntityManager = this.ds.manager): Promise<void> {
    const [r] = await em.query('SELECT code FROM letter_types WHERE code = ?', [code]);
    if (!r) throw unprocessable('LETTER_TYPE_NOT_FOUND', field, 'Jenis naskah tidak dikenal (unknown letter type)', [`jenis naskah '${code}' tidak ada`]);
  }
}

function viewOf(r: Record<string, unknown>): NumberTemplateView {
  const officeId = r.office_id == null ? null : Number(r.office_id);
  const typeCode = (r.type_code as string) ?? null;
  const source: TemplateSource = officeId !== null ? (typeCode !== null ? 'OFFICE_TYPE' : 'OFFICE') : typeCode !== null ? 'TYPE' : 'GLOBAL';
  let counterScope: CounterDimension[];
  try {
    counterScope = parseCounterScope(String(r.counter_scope));
  } catch {
    counterScope = String(r.counter_scope).split(',').map((s) => s.trim()) as CounterDimension[];
  }
  return {
    id: Number(r.id), officeId, typeCode, source, sourceLabel: SOURCE_LABELS[source], template: String(r.template), counterScope,
    unitCode: (r.unit_code as string) ?? null, updatedAt: (r.updated_at as Date) ?? null, updatedByUserId: r.updated_by_user_id == null ? null : Number(r.updated_by_user_id),
  };
}

