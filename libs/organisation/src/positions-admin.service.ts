import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, notFound } from '@naskah/core';
import { isDuplicateKey } from '@naskah/db';
import { Actor, AuditService } from '@naskah/audit';
import type { PositionKind, PositionView } from './organisation.types';
import { OrganisationService } from './organisation.service';
import { pathOf } from './position-tree';

/** Admin changes to positions; the reporting path is computed from the parent. */
@Injectable()
export class PositionsAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly org: OrganisationService,
  ) {}

  async create(actor: Actor, input: { officeId: number; unitId?: number | null; parentId: number; code: string; title: string; kind: PositionKind }): Promise<PositionView> {
    const id = await this.ds.transaction(async (em) => {
      const [parent] = await em.query('SELECT id, office_id, path, depth FROM positions WHERE id = ? FOR UPDATE', [input.parentId]);
      if (!parent) throw notFound('Jabatan atasan', input.parentId, 'PARENT_POSITION');
      if (Number(parent.office_id) !== input.officeId) {
        throw new DomainError('PARENT_IN_OTHER_OFFICE', 'UNPROCESSABLE', 'parentId: atasan harus di satker yang sama (parent must be in the same office)', { fields: [{ field: 'parentId', reason: 'other office' }] });
      }
      if (input.unitId) {
        const [unit] = await em.query('SELECT id FROM units WHERE id = ? AND office_id = ?', [input.unitId, input.officeId]);
        if (!unit) throw new DomainError('UNIT_NOT_FOUND', 'UNPROCESSABLE', 'unitId: unit kerja tidak ada di satker ini', { fields: [{ field: 'unitId', reason: 'unknown unit' }] });
      }
      const codeTaken = () => new DomainError('POSITION_CODE_TAKEN', 'CONFLICT', `code: kode jabatan "${input.code}" sudah ada`, { fields: [{ field: 'code', reason: 'taken' }] });
      const [dup] = await em.query('SELECT id FROM positions WHERE office_id = ? AND code = ?', [input.officeId, input.code]);
      if (dup) throw codeTaken();
      const res = await em
        .query('INSERT INTO positions (office_id, unit_id, parent_id, code, title, kind, depth) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          input.officeId, input.unitId ?? null, input.parentId, input.code, input.title, input.kind, Number(parent.depth) + 1,
        ])
        .catch((err: unknown) => {
          throw isDuplicateKey(err, 'uq_positions_office_code') ? codeTaken() : err;
        });
      const newId = Number(res.insertId);
      await em.query('UPDATE positions SET path = ? WHERE id = ?', [pathOf(parent.path, newId), newId]);
      await this.audit.record(em, actor, { action: 'POSITION_CREATED', entityType: 'position', entityId: newId, officeId: input.officeId, after: input });
      return newId;
    });
    return this.org.getPosition(id);
  }

  async update(actor: Actor, id: number, input: { title?: string; isActive?: boolean }): Promise<PositionView> {
    await this.ds.transaction(async (em) => {
      const [cur] = await em.query('SELECT id, office_id, title, is_active FROM positions WHERE id = ? FOR UPDATE', [id]);
      if (!cur) throw notFound('Jabatan', id, 'POSITION');
      if (input.title !== undefined) await em.query('UPDATE positions SET title = ? WHERE id = ?', [input.title, id]);
      if (input.isActive !== undefined) await em.query('UPDATE positions SET is_active = ? WHERE id = ?', [input.isActive ? 1 : 0, id]);
      await this.audit.record(em, actor, { action: 'POSITION_UPDATED', entityType: 'position', entityId: id, officeId: Number(cur.office_id), before: { title: cur.title, isActive: Boolean(cur.is_active) }, after: input });
    });
    return this.org.getPosition(id);
  }
}
