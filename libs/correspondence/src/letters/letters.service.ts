import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@naskah/db';
import { conflict, DomainError, forbidden } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { LetterAccessService } from '../access/letter-access.service';
import { scopeLetterView } from '../access/letter-history-scope';
import { resolveAddressees } from '../dispatch/resolve-addressees';
import { LettersRepository } from './letters.repository';
import type { LetterFields, LetterPatch, LetterReadView, LetterView } from './letter.types';
import type { BodyDoc, LetterTypeFields } from './letter-content';
import { bodyDocToText, textToBodyDoc } from './letter-content-text';
import { type ContentProblem, fieldsOfOtherTypes, letterSizeProblems, validateBodyDoc, validateTypeFields } from './letter-content-validation';
import { type BodyBlockChange, diffBodies, diffTypeFields, type FieldPathChange } from './letter-content-diff';
import { checkSignatureLines } from './letter-signature-lines';
import { eligibleParticipants, type EligibleParticipants, officePositions, reviewerRefusal, signerRefusal } from './letter-participants';
import { jsonColumn } from './letters.repository';

const EDITABLE = ['DRAFT', 'RETURNED'];
const field = (f: string, reason: string, code = 'VALIDATION_FAILED', kind: 'VALIDATION' | 'UNPROCESSABLE' = 'VALIDATION') =>
  new DomainError(code, kind, `${f}: ${reason}`, { fields: [{ field: f, reason }] });

/** 400 naming every field of the content that is wrong (bodyDoc…, typeFields…). */
export function contentRefused(problems: ContentProblem[], code = 'VALIDATION_FAILED', kind: 'VALIDATION' | 'UNPROCESSABLE' = 'VALIDATION'): DomainError {
  return new DomainError(code, kind, `Data tidak valid (invalid input): ${problems.map((x) => `${x.field}: ${x.reason}`).join('; ')}`, { fields: problems });
}

/** The body as given: a document (validated; its text derived for `body`) or plain text only (`bodyDoc` NULL, derived when read). */
function bodyContent(given: { body?: string; bodyDoc?: unknown }): { body: string; bodyDoc: BodyDoc | null } {
  if (given.bodyDoc !== undefined && given.bodyDoc !== null) {
    const { doc, problems } = validateBodyDoc(given.bodyDoc);
    if (problems.length) throw contentRefused(problems);
    return { body: bodyDocToText(doc!), bodyDoc: doc };
  }
  return { body: given.body ?? '', bodyDoc: null };
}

function typeFieldsContent(typeCode: string, given: unknown): LetterTypeFields | null {
  const { fields, problems } = validateTypeFields(typeCode, given);
  if (problems.length) throw contentRefused(problems);
  return fields;
}

export const actorFor = (p: Principal, capacity: Actor['capacity'] = 'SENDIRI', positionId = p.positionId): Actor => ({
  userId: p.userId, positionId, capacity, requestId: p.requestId ?? null,
});

/** Drafting: create and edit letters, keep every revision, compare revisions. */
@Injectable()
export class LettersService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: LettersRepository,
    private readonly access: LetterAccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A new draft by a drafter. `asReplyTo` is for the disposition context only: the recipient of a
   * "Siapkan jawaban" instruction may always draft the reply it asks for, drafter role or not (a
   * Sekretaris, a Ketua) — the caller has checked the instruction (issue 11, item 16).
   */
  async create(p: Principal, f: LetterFields, opts: { asReplyTo?: { dispositionId: string } } = {}): Promise<LetterView> {
    if (!p.positionId || !p.officeId || (!p.roles.includes('DRAFTER') && !opts.asReplyTo)) throw forbidden('ROLE_REQUIRED', 'Hanya konseptor (drafter) yang dapat membuat naskah');
    const { body, bodyDoc } = bodyContent(f);
    const typeFields = typeFieldsContent(f.typeCode, f.typeFields);
    const tooLarge = letterSizeProblems(bodyDoc, typeFields);
    if (tooLarge.length) throw contentRefused(tooLarge);
    const id = await inTransaction(this.ds, async (em) => {
      await this.validate(em, p.officeId!, p.positionId!, { ...f, typeFields });
      const res = await em.query(
        `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, summary, body, body_doc, type_fields, security_class, urgency, classification_code, signer_position_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          p.officeId, p.userId, p.positionId, f.typeCode, f.subject, f.summary ?? null, body, bodyDoc && JSON.stringify(bodyDoc), typeFields && JSON.stringify(typeFields),
          f.securityClass, f.urgency, f.classificationCode, f.signerPositionId,
        ],
      );
      const letterId = String(res.insertId);
      await this.repo.writeParties(em, letterId, f, true);
      await this.grantParties(em, letterId, p.positionId!, f);
      const letter = await this.repo.load(letterId, em);
      await this.repo.snapshot(em, letter, p.userId);
      await this.audit.record(em, actorFor(p), { action: 'LETTER_DRAFTED', entityType: 'letter', entityId: letterId, officeId: p.officeId, after: { revision: 1, subject: f.subject, typeCode: f.typeCode } });
      return letterId;
    });
    return this.repo.load(id);
  }

  async update(p: Principal, id: string, patch: LetterPatch): Promise<LetterView> {
    await inTransaction(this.ds, async (em) => {
      const viewer = await this.access.viewerOf(p);
      await this.access.assertVisible(id, viewer, em);
      const cur = await this.repo.load(id, em, true);
      if (!viewer.positionIds.includes(cur.drafterPositionId)) throw forbidden('NOT_THE_DRAFTER', 'Hanya konseptor naskah ini yang dapat mengubahnya');
      if (!EDITABLE.includes(cur.status)) throw conflict('LETTER_NOT_EDITABLE', `Naskah berstatus ${cur.status} tidak dapat diubah (only DRAFT or RETURNED letters can be edited)`, { status: cur.status });
      if (cur.version !== patch.version) throw conflict('STALE_VERSION', 'Naskah telah diubah orang lain; muat ulang (stale version)', { currentVersion: cur.version });
      const { version: _v, ...given } = patch;
      // a field left out of the request stays as it is (never overwritten by undefined)
      const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<LetterFields>;
      const next: LetterFields = { ...cur, ...changes } as LetterFields;
      // the body: a new document (its text derived), or new plain text (the document then derived when read), or as it was
      const newBody = (changes.bodyDoc ?? undefined) !== undefined || changes.body !== undefined ? bodyContent(changes) : null;
      if (newBody) next.body = newBody.body;
      // the typed fields: replaced when given (null clears them); kept otherwise, unless the type changed under them
      if (changes.typeFields !== undefined) {
        next.typeFields = typeFieldsContent(next.typeCode, changes.typeFields);
      } else if (next.typeCode !== cur.typeCode && fieldsOfOtherTypes(next.typeCode, cur.typeFields).length) {
        const stale = fieldsOfOtherTypes(next.typeCode, cur.typeFields);
        throw field(
          'typeFields',
          `jenis naskah diubah dari ${cur.typeCode} ke ${next.typeCode}, tetapi isian ${stale.join(', ')} milik ${cur.typeCode}; kirim typeFields yang baru (atau null) bersama perubahan jenis (the type changed: replace the fields of the old type)`,
          'TYPE_FIELDS_OF_OTHER_TYPE',
        );
      } else {
        next.typeFields = cur.typeFields;
      }
      const tooLarge = letterSizeProblems(newBody ? newBody.bodyDoc : cur.bodyDoc, next.typeFields);
      if (tooLarge.length) throw contentRefused(tooLarge);
      await this.validate(em, cur.officeId, cur.drafterPositionId, next);
      await em.query(
        `UPDATE letters SET type_code = ?, subject = ?, summary = ?, ${newBody ? 'body = ?, body_doc = ?, ' : ''}type_fields = ?, security_class = ?, urgency = ?, classification_code = ?, signer_position_id = ?,
         revision = revision + 1, version = version + 1 WHERE id = ?`,
        [
          next.typeCode, next.subject, next.summary ?? null, ...(newBody ? [newBody.body, newBody.bodyDoc && JSON.stringify(newBody.bodyDoc)] : []),
          next.typeFields ? JSON.stringify(next.typeFields) : null, next.securityClass, next.urgency, next.classificationCode, next.signerPositionId, id,
        ],
      );
      await this.repo.writeParties(em, id, next);
      await this.grantParties(em, id, cur.drafterPositionId, next);
      const saved = await this.repo.load(id, em);
      await this.repo.snapshot(em, saved, p.userId);
      await this.audit.record(em, actorFor(p), { action: 'LETTER_REVISED', entityType: 'letter', entityId: id, officeId: cur.officeId, after: { revision: saved.revision, changed: Object.keys(changes) } });
    });
    return this.repo.load(id);
  }

  /**
   * Whom a draft may name (letter-participants.ts, the rule save and submit apply): its reviewers and
   * signers among the drafting office's positions and, for `signerPositionId`, the a.n. positions it
   * may sign for with the u.b. allowed under each. The drafting office and drafter are the caller's
   * own position's, or the draft's when `letterId` is given (its drafter only). Only that office's
   * positions are listed. A signer the rule does not allow is 400 naming `signerPositionId`.
   */
  async eligibleParticipants(p: Principal, q: { letterId?: string; signerPositionId?: number }): Promise<EligibleParticipants & { officeId: number; drafterPositionId: number; signerPositionId: number | null }> {
    let officeId = p.officeId;
    let drafterPositionId = p.positionId;
    if (q.letterId !== undefined) {
      const viewer = await this.access.viewerOf(p);
      await this.access.assertVisible(q.letterId, viewer);
      const cur = await this.repo.load(q.letterId);
      if (!viewer.positionIds.includes(cur.drafterPositionId)) throw forbidden('NOT_THE_DRAFTER', 'Hanya konseptor naskah ini yang dapat mengubah pemeriksa dan penandatangannya');
      officeId = cur.officeId;
      drafterPositionId = cur.drafterPositionId;
    }
    if (!officeId || !drafterPositionId) throw forbidden('ROLE_REQUIRED', 'Akun tanpa jabatan tidak dapat menyusun naskah');
    const positions = await officePositions(this.ds.manager, officeId);
    if (q.signerPositionId !== undefined) {
      const why = signerRefusal(positions, q.signerPositionId);
      if (why) throw field('signerPositionId', why);
    }
    return { officeId, drafterPositionId, signerPositionId: q.signerPositionId ?? null, ...eligibleParticipants(positions, drafterPositionId, q.signerPositionId) };
  }

  async get(p: Principal, id: string): Promise<LetterReadView> {
    const viewer = await this.access.viewerOf(p);
    await this.access.assertVisible(id, viewer);
    const [letter, delivery, scope] = await Promise.all([this.repo.load(id), this.repo.deliveryOf(id), this.access.historyScope(id, viewer)]);
    // the drafting office's review (who approved, who returned it and why) is its own (letter-history-scope.ts)
    return { ...scopeLetterView(letter, scope.viewerOfficeIds), delivery };
  }

  async revisions(p: Principal, id: string): Promise<{ revision: number; createdAt: Date; createdBy: number | null; snapshot: LetterFields & { bodyDoc: BodyDoc; typeFields: LetterTypeFields | null } }[]> {
    const viewer = await this.access.viewerOf(p);
    await this.access.assertVisible(id, viewer);
    // the drafts before the letter as it went out are the drafting office's own work (letter-history-scope.ts):
    // another office (a recipient, a relay) reads the last revision only — the letter it received
    const { letterOfficeId, viewerOfficeIds } = await this.access.historyScope(id, viewer);
    const lastOnly = viewerOfficeIds.includes(letterOfficeId) ? '' : ' AND revision = (SELECT l.revision FROM letters l WHERE l.id = letter_id)';
    const rows = await this.ds.query(`SELECT revision, snapshot, body_doc, type_fields, created_by, created_at FROM letter_revisions WHERE letter_id = ?${lastOnly} ORDER BY revision`, [id]);
    return rows.map((r: Record<string, unknown>) => {
      const snap = jsonColumn<LetterFields>(r.snapshot)!;
      // revisions kept before the content model have neither: the document is derived from the text
      return {
        revision: Number(r.revision), createdAt: r.created_at as Date, createdBy: lastOnly ? null : Number(r.created_by), // who saved it: the drafting office's own
        // the reviewers it names are the drafting office's review, withheld from other offices as on the letter (scopeLetterView)
        snapshot: { ...snap, ...(lastOnly ? { reviewerPositionIds: [] } : {}), bodyDoc: jsonColumn<BodyDoc>(r.body_doc) ?? textToBodyDoc(snap.body), typeFields: jsonColumn<LetterTypeFields>(r.type_fields) },
      };
    });
  }

  /**
   * Differences between two revisions: `changes` field by field (the body's plain text as `body`,
   * the typed fields as one `typeFields` value; the body document is not repeated there), the body
   * block by block (`bodyChanges`: paragraphs, list items, table rows added, removed or changed) and
   * the typed fields path by path (`typeFieldChanges`).
   */
  async compare(p: Principal, id: string, from: number, to: number): Promise<{
    from: number; to: number; changes: { field: string; before: unknown; after: unknown }[]; bodyChanges: BodyBlockChange[]; typeFieldChanges: FieldPathChange[];
  }> {
    const all = await this.revisions(p, id);
    const a = all.find((r) => r.revision === from);
    const b = all.find((r) => r.revision === to);
    if (!a || !b) throw field(!a ? 'from' : 'to', 'revisi tidak ada', 'REVISION_NOT_FOUND');
    const keys = [...new Set([...Object.keys(a.snapshot), ...Object.keys(b.snapshot)])] as (keyof LetterFields)[];
    const changes = keys
      .filter((k) => k !== 'bodyDoc' && JSON.stringify(a.snapshot[k]) !== JSON.stringify(b.snapshot[k]))
      .map((k) => ({ field: k, before: a.snapshot[k], after: b.snapshot[k] }));
    return { from, to, changes, bodyChanges: diffBodies(a.snapshot.bodyDoc, b.snapshot.bodyDoc), typeFieldChanges: diffTypeFields(a.snapshot.typeFields, b.snapshot.typeFields) };
  }

  async cancel(p: Principal, id: string, reason: string): Promise<LetterView> {
    await this.ds.transaction(async (em) => {
      const viewer = await this.access.viewerOf(p);
      await this.access.assertVisible(id, viewer, em);
      const cur = await this.repo.load(id, em, true);
      if (!viewer.positionIds.includes(cur.drafterPositionId)) throw forbidden('NOT_THE_DRAFTER', 'Hanya konseptor naskah ini yang dapat membatalkannya');
      if (['SIGNED', 'SENT', 'CANCELLED'].includes(cur.status)) throw conflict('LETTER_NOT_CANCELLABLE', `Naskah berstatus ${cur.status} tidak dapat dibatalkan`, { status: cur.status });
      await em.query("UPDATE letters SET status = 'CANCELLED', version = version + 1 WHERE id = ?", [id]);
      await this.audit.record(em, actorFor(p), { action: 'LETTER_CANCELLED', entityType: 'letter', entityId: id, officeId: cur.officeId, before: { status: cur.status }, after: { status: 'CANCELLED', reason } });
    });
    return this.repo.load(id);
  }

  /**
   * The drafter, the reviewers of the current chain and the signer may see the draft. A reviewer
   * taken off the chain or a signer replaced loses that grant at once (issue 10, item 10), new
   * revisions included; a grant they hold for another reason stays.
   */
  private async grantParties(em: EntityManager, id: string, drafterPositionId: number, f: LetterFields): Promise<void> {
    await this.access.revokeExcept(em, id, 'REVIEWER', f.reviewerPositionIds);
    await this.access.revokeExcept(em, id, 'SIGNER', [f.signerPositionId]);
    await this.access.grant(em, id, [
      { positionId: drafterPositionId, reason: 'DRAFTER' },
      ...f.reviewerPositionIds.map((positionId) => ({ positionId, reason: 'REVIEWER' as const })),
      { positionId: f.signerPositionId, reason: 'SIGNER' },
    ]);
  }

  /**
   * Checks references against the database: type, classification, recipients, and who takes part —
   * reviewers, signer, a.n./u.b. — by the rule of letter-participants.ts (the same functions list
   * them for the compose page: GET /api/letters/eligible-participants).
   */
  private async validate(em: EntityManager, officeId: number, drafterPositionId: number, f: LetterFields): Promise<void> {
    const [type] = await em.query('SELECT code FROM letter_types WHERE code = ?', [f.typeCode]);
    if (!type) throw field('typeCode', `jenis naskah "${f.typeCode}" tidak dikenal`);
    const [cls] = await em.query('SELECT code FROM classifications WHERE code = ?', [f.classificationCode]);
    if (!cls) throw field('classificationCode', `kode klasifikasi "${f.classificationCode}" tidak ada`, 'UNKNOWN_CLASSIFICATION');
    if (!f.recipients.some((r) => r.kind === 'TO')) throw field('recipients', 'minimal satu tujuan (TO)');
    const positions = await officePositions(em, officeId);
    f.reviewerPositionIds.forEach((pid, i) => {
      const why = reviewerRefusal(positions, drafterPositionId, pid);
      if (why) throw field(`reviewerPositionIds.${i}`, why, 'INVALID_REVIEWER', 'UNPROCESSABLE');
    });
    if (new Set(f.reviewerPositionIds).size !== f.reviewerPositionIds.length) throw field('reviewerPositionIds', 'pemeriksa tidak boleh ganda');
    const signerWhy = signerRefusal(positions, f.signerPositionId);
    if (signerWhy) throw field('signerPositionId', signerWhy, 'INVALID_SIGNER', 'UNPROCESSABLE');
    for (const [i, r] of f.recipients.entries()) {
      const set = [r.officeId, r.positionId, r.externalName, r.group, r.distributionListId].filter((v) => v !== undefined && v !== null);
      if (set.length !== 1) throw field(`recipients.${i}`, 'isi tepat satu dari officeId, positionId, externalName, group atau distributionListId');
      if (r.officeId) {
        const [o] = await em.query('SELECT id FROM offices WHERE id = ?', [r.officeId]);
        if (!o) throw field(`recipients.${i}.officeId`, 'satker tidak ada', 'UNKNOWN_RECIPIENT', 'UNPROCESSABLE');
      }
      if (r.positionId) {
        const [o] = await em.query('SELECT id FROM positions WHERE id = ? AND is_active = 1', [r.positionId]);
        if (!o) throw field(`recipients.${i}.positionId`, 'jabatan tidak ada', 'UNKNOWN_RECIPIENT', 'UNPROCESSABLE');
      }
    }
    // a.n. / u.b.: superiors of the signer in this office (again whenever the signer changes)
    await checkSignatureLines(em, officeId, f.signerPositionId, f.typeFields, positions);
    // the same addressee twice (also an office and its head) is refused when the draft is written, not only at sending;
    // groups and lists are checked (a province office, a list of this office) and kept as written: expanded when sent
    await resolveAddressees(em, f.recipients, { senderOfficeId: officeId, expand: false, lockLists: true });
  }
}
