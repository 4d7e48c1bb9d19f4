import { Injectable } from '@nestjs/common';
import { Clock, conflict, DomainError, forbidden, jakartaParts } from '@naskah/core';
import { AuditService, SqlDigits, deferredText } from '@naskah/audit';
import { AuthService, DelegationsService, Principal } from '@naskah/identity';
import { OrganisationService } from '@naskah/organisation';
import { BatchSql, BatchTransaction, dbErrorCode, isDuplicateKey, sqlStatement } from '@naskah/db';
import { JobName, OutboxService } from '@naskah/queue';
import { NumberingError, counterScopeKey, nextUnusedSeq, numberLikePattern, numberParts, renderNumber, type NumberPart } from '../numbering';
import { LetterAccessService } from '../access/letter-access.service';
import { LetterWorkNotices } from '../worklist/letter-work-notices';
import { LettersRepository } from './letters.repository';
import { actorFor } from './letters.service';
import { jsonColumn } from './letters.repository';
import { letterContentSha256 } from './letter-content-render';
import type { LetterView } from './letter.types';

const signingNotConfirmed = () =>
  new DomainError('PASSWORD_CONFIRMATION_FAILED', 'FORBIDDEN', 'Kata sandi salah atau Anda bukan penandatangan naskah ini (atau Plt/Plh-nya); naskah tidak ditandatangani (not signed: wrong password or not the signer)');

/**
 * Signing: only the designated signer, or a user with an active Plt/Plh delegation for that
 * position, re-confirming their password. The number is allocated in the signing transaction from
 * a counter row that stays locked until COMMIT, so numbers are unique and gapless across processes
 * (a rolled-back signing rolls its increment back). That lock is the one thing every signer of a
 * counter scope waits for, so it is held for no network round trip at all: the signing
 * transaction's last round trip takes the number, writes the letter and its audit event (the
 * number rendered by the database from parts prepared beforehand) and COMMITs (see signConfirmed).
 * The PDF, its SHA-256 and the electronic signature are made by the RENDER_LETTER job born in the
 * same transaction.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly batch: BatchSql,
    private readonly repo: LettersRepository,
    private readonly access: LetterAccessService,
    private readonly delegations: DelegationsService,
    private readonly auth: AuthService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly work: LetterWorkNotices,
  ) {}

  /**
   * The password is re-confirmed under the sign-in limits (AuthService.confirmPassword: 429 with
   * Retry-After past them), and a wrong password and a caller who is not the signer get one
   * answer, so the endpoint tells nobody whether a guessed password was right.
   */
  async sign(p: Principal, id: string, password: string, ip: string): Promise<LetterView> {
    await this.access.assertVisible(id, await this.access.viewerOf(p));
    // the letter's state first, whatever the password: a letter that cannot be signed answers the
    // same to a right and a wrong password, so signing is never a way to test one (its state is
    // visible to the caller anyway: the letter is)
    const state = await this.repo.statusOf(id);
    if (state && ['SIGNED', 'SENT'].includes(state.status)) throw conflict('ALREADY_SIGNED', 'Naskah sudah ditandatangani (already signed)');
    if (state && state.status !== 'APPROVED') throw conflict('LETTER_NOT_APPROVED', `Naskah berstatus ${state.status}; hanya naskah yang disetujui pemeriksa dapat ditandatangani`, { status: state.status });
    if (!(await this.auth.confirmPassword(p.userId, password, ip))) throw signingNotConfirmed();
    await this.signConfirmed(p, id).catch((err: unknown) => {
      throw err instanceof DomainError && err.code === 'NOT_THE_SIGNER' ? signingNotConfirmed() : err;
    });
    this.outbox.relaySoon();
    const letter = await this.repo.load(id);
    this.work.changed(letter); // it left the signer's queue (READY_TO_SEND follows from the render job)
    return letter;
  }

  /**
   * Signs and numbers a letter for a signer whose password has just been re-confirmed: the
   * numbering path proper (also what the benchmark measures, without the deliberate cost of argon2).
   * Two round trips on a `BatchSql` connection:
   *
   * 1. Start the transaction and lock the letter row, and in the same round trip read its number
   *    template, the signer's capacity (own position, or an active Plt/Plh: `capacityStatement`)
   *    and the signer's position. Checked here: the signer, the letter's state (APPROVED); the
   *    number is prepared as parts (`numberParts`: every placeholder but the sequence) and the
   *    counter key built, so a bad template or a missing value fails before the counter is touched.
   * 2. One multi-statement batch: the outbox row, then the counter (`LAST_INSERT_ID(value + 1)`,
   *    locked from here), the letter's number from the parts and that value, the audit event (its
   *    hash computed by the database over the number: `AuditService.recordStatements`), and COMMIT.
   *    The counter is locked only while the server runs the end of this batch.
   */
  async signConfirmed(p: Principal, id: string): Promise<void> {
    if (!/^\d+$/.test(id)) throw new DomainError('LETTER_NOT_FOUND', 'NOT_FOUND', 'Naskah tidak ditemukan (not found)');
    const now = new Date(Math.floor(this.clock.now().getTime()));
    await this.batch.transaction(async (tx) => {
      const [, [row], [tpl], [cap], [positionRow]] = await tx.send([
        sqlStatement('SET @naskah_signer = NULL'),
        sqlStatement(
          'SELECT status, office_id, signer_position_id, type_code, classification_code, subject, body, body_doc, type_fields, @naskah_signer := signer_position_id AS signer FROM letters WHERE id = ? FOR UPDATE',
          [id],
        ),
        // the most specific template: office + type, office, type, then the global default
        sqlStatement(
          `SELECT t.template, t.counter_scope, t.unit_code FROM letters l JOIN numbering_templates t
             ON (t.office_id = l.office_id OR t.office_id IS NULL) AND (t.type_code = l.type_code OR t.type_code IS NULL)
           WHERE l.id = ? ORDER BY t.office_id IS NULL, t.type_code IS NULL LIMIT 1`,
          [id],
        ),
        this.delegations.capacityStatement(p.userId, '@naskah_signer'),
        this.org.positionStatement('@naskah_signer'),
      ]);
      if (!row) throw new DomainError('LETTER_NOT_FOUND', 'NOT_FOUND', 'Naskah tidak ditemukan (not found)');
      const capacity = cap?.capacity as 'SENDIRI' | 'PLT' | 'PLH' | null;
      if (!capacity) throw forbidden('NOT_THE_SIGNER', 'Hanya penandatangan yang ditunjuk (atau Plt/Plh-nya) yang dapat menandatangani naskah ini');
      if (['SIGNED', 'SENT'].includes(row.status)) throw conflict('ALREADY_SIGNED', 'Naskah sudah ditandatangani (already signed)');
      if (row.status !== 'APPROVED') throw conflict('LETTER_NOT_APPROVED', `Naskah berstatus ${row.status}; hanya naskah yang disetujui pemeriksa dapat ditandatangani`, { status: row.status });
      if (!tpl) throw new DomainError('NO_NUMBER_TEMPLATE', 'UNPROCESSABLE', 'Templat penomoran belum diatur untuk satker ini');
      const officeId = Number(row.office_id);
      const signer = this.org.positionFromRow(positionRow, Number(row.signer_position_id));
      const office = await this.org.getOffice(officeId); // cached after the first signing of an office
      const { year, month } = jakartaParts(now);
      const counterKey = `letter|${counterScopeKey(String(tpl.counter_scope).split(',').map((x) => x.trim()), {
        officeId, typeCode: row.type_code, year, month, unitId: signer.unitId ?? undefined, classification: row.classification_code,
      })}`;
      const context = { classification: row.classification_code ?? undefined, type: row.type_code, region: office.code, unit: tpl.unit_code ?? undefined, office: 'KPU', date: now };
      const parts = numberParts(tpl.template, context);
      const actor = actorFor(p, capacity, signer.id);
      const number = numberSql(parts);
      // what is signed, fixed in the hash-chained trail: subject, body text, body document, typed fields
      const contentSha256 = letterContentSha256({ subject: row.subject, body: row.body, bodyDoc: jsonColumn(row.body_doc), typeFields: jsonColumn(row.type_fields) });
      const statements = [
        // nothing above this line needs the number; the counter stays locked from the next statement to COMMIT
        this.outbox.statement(JobName.RENDER_LETTER, { letterId: id }, { key: id, requestId: p.requestId }),
        sqlStatement('INSERT INTO number_counters (scope_key, value) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)', [counterKey]),
        // (separate SETs: MariaDB evaluates every value of one SET before assigning any)
        sqlStatement('SET @naskah_seq = LAST_INSERT_ID()'),
        sqlStatement(`SET ${number.slots.sql}`, number.slots.params),
        sqlStatement(
          `UPDATE letters SET status = ?, number = ${number.text.sql}, counter_key = ?, number_seq = @naskah_seq, signed_at = ?, signed_by_user_id = ?, signed_capacity = ?,
           signer_name = ?, signer_title = ?, version = version + 1 WHERE id = ?`,
          ['SIGNED', ...number.text.params, counterKey, now, p.userId, capacity, p.fullName, `${signer.title} ${office.name}`, id],
        ),
        ...this.audit.recordStatements(actor, {
          action: 'LETTER_SIGNED', entityType: 'letter', entityId: id, officeId,
          before: { status: row.status }, after: { status: 'SIGNED', number: number.deferred, capacity, contentSha256 },
        }, now),
      ];
      // A number the office already holds (issued under another template or counter scope) is never
      // reused: still in the transaction, the counter moves past every taken number of this shape
      // and the rest of the batch runs again (issue 12, item 7). The usual path never comes here.
      let batch = statements;
      for (let retry = 0; ; retry++) {
        try {
          await tx.commit(batch);
          return;
        } catch (err) {
          if (isDuplicateKey(err, 'uq_letters_office_number') && retry < 3) {
            const [[taken], issued] = await tx.send([
              sqlStatement('SELECT @naskah_seq AS seq'),
              sqlStatement('SELECT number FROM letters WHERE office_id = ? AND number LIKE ?', [officeId, numberLikePattern(parts)]),
            ]);
            const seq = nextUnusedSeq(parts, issued.map((r: { number: string }) => r.number), Number(taken.seq) + 1);
            batch = [sqlStatement('UPDATE number_counters SET value = LAST_INSERT_ID(GREATEST(value, ?)) WHERE scope_key = ?', [seq, counterKey]), ...statements.slice(2)];
            continue;
          }
          if (isDuplicateKey(err, 'uq_letters_office_number')) {
            const taken = await this.numberTaken(tx, tpl.template, context);
            throw conflict('NUMBER_COLLISION', `Nomor ${taken} sudah dipakai naskah lain; periksa templat penomoran satker`, { number: taken });
          }
          if (dbErrorCode(err) === 'ER_DATA_TOO_LONG') {
            const taken = await this.numberTaken(tx, tpl.template, context);
            throw new NumberingError('NUMBER_TOO_LONG', 'Nomor naskah terlalu panjang (number too long)', [taken]);
          }
          throw err;
        }
      }
    });
  }

  /** After a failed final batch (still in the transaction): the number it tried to write. */
  private async numberTaken(tx: BatchTransaction, template: string, context: Omit<Parameters<typeof renderNumber>[1], 'seq'>): Promise<string> {
    const [[r]] = await tx.send([sqlStatement('SELECT @naskah_seq AS seq')]);
    return renderNumber(template, { ...context, seq: Number(r.seq) });
  }
}

/**
 * The SQL side of `numberParts`: session variables `@naskah_seq_<i>` holding each `{seq}` slot as
 * printed (`formatSeq`: zero-padded to its width, never cut), the number as CONCAT(...) of the
 * literal parts (as `?` values) and those variables, and the same number as an audit `DeferredText`.
 */
export function numberSql(parts: NumberPart[]) {
  const slots: string[] = [];
  const slotParams: unknown[] = [];
  const items: string[] = [];
  const textParams: string[] = [];
  const deferred: (string | SqlDigits)[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      items.push('?');
      textParams.push(part);
      deferred.push(part);
      continue;
    }
    const v = `@naskah_seq_${slots.length}`;
    if (part.width) {
      slots.push(`${v} = IF(CHAR_LENGTH(@naskah_seq) >= ?, CAST(@naskah_seq AS CHAR), LPAD(@naskah_seq, ?, ?))`);
      slotParams.push(part.width, part.width, '0');
    } else {
      slots.push(`${v} = CAST(@naskah_seq AS CHAR)`);
    }
    items.push(v);
    deferred.push(new SqlDigits(v));
  }
  return {
    slots: { sql: slots.join(', '), params: slotParams },
    text: { sql: `CONCAT(${items.join(', ')})`, params: textParams },
    deferred: deferredText(...deferred),
  };
}
