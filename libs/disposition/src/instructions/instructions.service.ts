import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';
import { isDuplicateKey } from '@naskah/db';
import { fieldError, staleVersion } from '../disposition.errors';

export interface InstructionView {
  code: string;
  label: string;
  sortOrder: number;
  offersReply: boolean;
  isActive: boolean;
  version: number;
}

const toView = (r: Record<string, unknown>): InstructionView => ({
  code: String(r.code), label: String(r.label), sortOrder: Number(r.sort_order), offersReply: Boolean(Number(r.offers_reply)),
  isActive: Boolean(Number(r.is_active)), version: Number(r.version),
});

/** The master list of disposition instructions (Tindak lanjuti, Pelajari dan telaah, …), maintained by an admin. */
@Injectable()
export class InstructionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(includeInactive = false): Promise<InstructionView[]> {
    const rows = await this.ds.query(`SELECT * FROM disposition_instructions ${includeInactive ? '' : 'WHERE is_active = 1'} ORDER BY sort_order, code`);
    return rows.map(toView);
  }

  /** The active instructions with these codes, in the order given; 422 naming the first unknown or retired code. */
  async requireActive(em: EntityManager, codes: string[], field = 'instructionCodes'): Promise<InstructionView[]> {
    if (!codes.length) throw fieldError(field, 'minimal satu instruksi');
    if (new Set(codes).size !== codes.length) throw fieldError(field, 'instruksi tidak boleh ganda');
    const rows = await em.query(`SELECT * FROM disposition_instructions WHERE is_active = 1 AND code IN (${codes.map(() => '?').join(',')})`, codes);
    const byCode = new Map<string, InstructionView>(rows.map((r: Record<string, unknown>) => [String(r.code), toView(r)]));
    codes.forEach((c, i) => {
      if (!byCode.has(c)) throw fieldError(`${field}.${i}`, `instruksi "${c}" tidak ada dalam daftar instruksi disposisi yang aktif`, 'UNKNOWN_INSTRUCTION', 'UNPROCESSABLE');
    });
    return codes.map((c) => byCode.get(c)!);
  }

  async create(actor: Actor, input: { code: string; label: string; sortOrder?: number; offersReply?: boolean }): Promise<InstructionView> {
    await this.ds.transaction(async (em) => {
      try {
        await em.query('INSERT INTO disposition_instructions (code, label, sort_order, offers_reply) VALUES (?, ?, ?, ?)', [
          input.code, input.label, input.sortOrder ?? 500, input.offersReply ? 1 : 0,
        ]);
      } catch (err) {
        if (isDuplicateKey(err, 'PRIMARY')) throw fieldError('code', `kode ${input.code} sudah ada`, 'INSTRUCTION_EXISTS', 'UNPROCESSABLE');
        throw err;
      }
      await this.audit.record(em, actor, { action: 'INSTRUCTION_CREATED', entityType: 'disposition_instruction', entityId: input.code, after: input });
    });
    return this.get(input.code);
  }

  async update(actor: Actor, code: string, patch: { label?: string; sortOrder?: number; offersReply?: boolean; isActive?: boolean; version: number }): Promise<InstructionView> {
    await this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT * FROM disposition_instructions WHERE code = ? FOR UPDATE', [code]);
      if (!row) throw notFound('Instruksi disposisi', code);
      const cur = toView(row);
      if (cur.version !== patch.version) throw staleVersion(cur.version);
      const next = { label: patch.label ?? cur.label, sortOrder: patch.sortOrder ?? cur.sortOrder, offersReply: patch.offersReply ?? cur.offersReply, isActive: patch.isActive ?? cur.isActive };
      await em.query('UPDATE disposition_instructions SET label = ?, sort_order = ?, offers_reply = ?, is_active = ?, version = version + 1 WHERE code = ?', [
        next.label, next.sortOrder, next.offersReply ? 1 : 0, next.isActive ? 1 : 0, code,
      ]);
      const { version: _v, ...before } = cur;
      await this.audit.record(em, actor, { action: 'INSTRUCTION_UPDATED', entityType: 'disposition_instruction', entityId: code, before, after: next });
    });
    return this.get(code);
  }

  async get(code: string): Promise<InstructionView> {
    const [row] = await this.ds.query('SELECT * FROM disposition_instructions WHERE code = ?', [code]);
    if (!row) throw notFound('Instruksi disposisi', code);
    return toView(row);
  }
}
