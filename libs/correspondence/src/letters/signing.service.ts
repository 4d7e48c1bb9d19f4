import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, conflict, DomainError, forbidden, jakartaParts } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { DelegationsService, Principal, UsersService } from '@naskah/identity';
import { OfficeView, OrganisationService, PositionView } from '@naskah/organisation';
import { inTransaction, isDuplicateKey } from '@naskah/db';
import { JobName, OutboxService } from '@naskah/queue';
import { counterScopeKey, renderNumber } from '../numbering';
import { LetterAccessService } from '../access/letter-access.service';
import { LettersRepository } from './letters.repository';
import { actorFor } from './letters.service';
import type { LetterView } from './letter.types';

export interface NumberTemplate {
  template: string;
  counterScope: string[];
  unitCode: string | null;
}

/**
 * Signing: only the designated signer, or a user with an active Plt/Plh delegation for that
 * position, re-confirming their password. The number is allocated in the signing transaction from
 * a counter row (one round trip: the row stays locked until commit, so numbers are unique and
 * gapless across processes). The PDF, its SHA-256 and the electronic signature are made by the
 * RENDER_LETTER job born in the same transaction, so the counter lock is held only briefly.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: LettersRepository,
    private readonly access: LetterAccessService,
    private readonly delegations: DelegationsService,
    private readonly users: UsersService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async sign(p: Principal, id: string, password: string): Promise<LetterView> {
    await this.access.assertVisible(id, await this.access.viewerOf(p));
    if (!(await this.users.verifyPassword(p.userId, password))) {
      throw new DomainError('PASSWORD_CONFIRMATION_FAILED', 'FORBIDDEN', 'Konfirmasi kata sandi salah; naskah tidak ditandatangani (password confirmation failed)');
    }
    await this.signConfirmed(p, id);
    this.outbox.relaySoon();
    return this.repo.load(id);
  }

  /**
   * Signs and numbers a letter for a signer whose password has just been re-confirmed: the
   * numbering path proper (also what the benchmark measures, without the deliberate cost of argon2).
   */
  async signConfirmed(p: Principal, id: string): Promise<void> {
    // Everything that needs no lock is read before the transaction, on its own connection, so the
    // transaction holds one pooled connection only and the counter lock as briefly as possible.
    const [pre] = /^\d+$/.test(id) ? await this.ds.query('SELECT office_id, signer_position_id FROM letters WHERE id = ?', [id]) : [];
    if (!pre) throw new DomainError('LETTER_NOT_FOUND', 'NOT_FOUND', 'Naskah tidak ditemukan (not found)');
    const signerPositionId = Number(pre.signer_position_id);
    const capacity = await this.delegations.capacityFor(p.userId, signerPositionId);
    if (!capacity) throw forbidden('NOT_THE_SIGNER', 'Hanya penandatangan yang ditunjuk (atau Plt/Plh-nya) yang dapat menandatangani naskah ini');
    const office = await this.org.getOffice(Number(pre.office_id));
    const signer = await this.org.getPosition(signerPositionId);
    await inTransaction(this.ds, async (em) => {
      const [row] = await em.query('SELECT status, signer_position_id FROM letters WHERE id = ? FOR UPDATE', [id]);
      if (['SIGNED', 'SENT'].includes(row.status)) throw conflict('ALREADY_SIGNED', 'Naskah sudah ditandatangani (already signed)');
      if (row.status !== 'APPROVED') throw conflict('LETTER_NOT_APPROVED', `Naskah berstatus ${row.status}; hanya naskah yang disetujui pemeriksa dapat ditandatangani`, { status: row.status });
      if (Number(row.signer_position_id) !== signerPositionId) throw conflict('LETTER_CHANGED', 'Penandatangan naskah berubah; muat ulang (the signer changed meanwhile)');
      await this.signLocked(em, p, id, capacity as 'SENDIRI' | 'PLT' | 'PLH', office, signer);
    });
  }

  /** The signing transaction proper (the letter row is already locked). */
  private async signLocked(em: EntityManager, p: Principal, id: string, capacity: 'SENDIRI' | 'PLT' | 'PLH', office: OfficeView, signer: PositionView): Promise<void> {
    const [l] = await em.query('SELECT type_code, classification_code, status FROM letters WHERE id = ?', [id]);
    const tpl = await this.templateFor(em, office.id, l.type_code);
    const now = new Date(Math.floor(this.clock.now().getTime()));
    const { year, month } = jakartaParts(now);
    const key = counterScopeKey(tpl.counterScope as never, {
      officeId: office.id, typeCode: l.type_code, year, month, unitId: signer.unitId ?? undefined, classification: l.classification_code,
    } as never);
    // everything that does not need the number comes before the counter, which stays locked until commit
    await this.outbox.add(em, JobName.RENDER_LETTER, { letterId: id }, { key: id, requestId: p.requestId });
    const seq = await this.nextValue(em, `letter|${key}`);
    const number = renderNumber(tpl.template, {
      seq, classification: l.classification_code ?? undefined, type: l.type_code, region: office.code, unit: tpl.unitCode ?? undefined, office: 'KPU', date: now,
    });
    try {
      await em.query(
        `UPDATE letters SET status = 'SIGNED', number = ?, counter_key = ?, number_seq = ?, signed_at = ?, signed_by_user_id = ?, signed_capacity = ?,
         signer_name = ?, signer_title = ?, version = version + 1 WHERE id = ?`,
        [number, `letter|${key}`, seq, now, p.userId, capacity, p.fullName, `${signer.title} ${office.name}`, id],
      );
    } catch (err) {
      if (isDuplicateKey(err, 'uq_letters_office_number')) throw conflict('NUMBER_COLLISION', `Nomor ${number} sudah dipakai naskah lain; periksa templat penomoran satker`, { number });
      throw err;
    }
    await this.audit.record(em, actorFor(p, capacity, signer.id), {
      action: 'LETTER_SIGNED', entityType: 'letter', entityId: id, officeId: office.id, before: { status: l.status }, after: { status: 'SIGNED', number, capacity },
    });
  }

  /** Increments a counter and returns the new value in one round trip; the row stays locked until commit. */
  async nextValue(em: EntityManager, scopeKey: string): Promise<number> {
    const res = await em.query(
      'INSERT INTO number_counters (scope_key, value) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)',
      [scopeKey],
    );
    const v = Number(res.insertId);
    if (!v) {
      const [r] = await em.query('SELECT LAST_INSERT_ID() AS v');
      return Number(r.v);
    }
    return v;
  }

  /** The most specific template: office + type, office, type, then the global default. */
  async templateFor(em: EntityManager, officeId: number, typeCode: string): Promise<NumberTemplate> {
    const [t] = await em.query(
      `SELECT template, counter_scope, unit_code FROM numbering_templates WHERE (office_id = ? OR office_id IS NULL) AND (type_code = ? OR type_code IS NULL)
       ORDER BY office_id IS NULL, type_code IS NULL LIMIT 1`,
      [officeId, typeCode],
    );
    if (!t) throw new DomainError('NO_NUMBER_TEMPLATE', 'UNPROCESSABLE', 'Templat penomoran belum diatur untuk satker ini');
    return { template: t.template, counterScope: String(t.counter_scope).split(',').map((s) => s.trim()), unitCode: t.unit_code };
  }
}
