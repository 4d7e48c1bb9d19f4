import { Injectable } from '@nestjs/common';
import { notFound } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { DispositionContext } from '../disposition-context';
import { DispositionsQueryService } from '../queries/dispositions-query.service';
import type { DispositionTreeNode } from '../disposition.types';
import { renderDispositionSheet } from './lembar-disposisi-pdf';
import type { SheetFollowUp, SheetNode, SheetPerson } from './sheet-input';

const PREFIX: Record<string, string> = { SENDIRI: '', PLT: 'Plt.', PLH: 'Plh.' };

interface Acts {
  readBy: string | null;
  completedBy: string | null;
}

/**
 * The lembar disposisi of one received letter, with the dispositions the caller may see.
 *
 * Names: the product stores who acted, not who held a position on a given day. So the sheet
 * prints, for the author of a disposition, the user who issued it (`author_user_id`); for a
 * recipient, the user who recorded its receipt (`read_by_user_id`), else the one who completed
 * it, else whoever wrote its follow-up reports, else the position's current holder(s); for each
 * report, its author (`disposition_follow_ups.author_user_id`, with Plt./Plh.).
 */
@Injectable()
export class DispositionSheetService {
  constructor(
    private readonly ctx: DispositionContext,
    private readonly queries: DispositionsQueryService,
  ) {}

  async render(p: Principal, deliveryId: string): Promise<{ filename: string; data: Buffer }> {
    const ds = this.ctx.ds;
    const [d] = /^\d{1,19}$/.test(deliveryId)
      ? await ds.query(
          `SELECT d.id, d.letter_id, d.office_id, d.position_id, d.agenda_number, d.agenda_year, d.created_at, d.sender_name, d.subject, d.number, d.urgency, d.security_class,
             d.read_at, ru.full_name AS read_by, l.signed_at, DATE_FORMAT(l.external_date, '%Y-%m-%d') AS external_date, pos.title AS position_title, o.name AS office_name, o.city AS office_city
           FROM deliveries d JOIN letters l ON l.id = d.letter_id JOIN positions pos ON pos.id = d.position_id JOIN offices o ON o.id = d.office_id
           LEFT JOIN users ru ON ru.id = d.read_by_user_id WHERE d.id = ?`,
          [deliveryId],
        )
      : [];
    if (!d) throw notFound('Surat masuk', deliveryId);
    // the sheet is the receiving office's record of its copy (who received and read it there, its
    // agenda, its dispositions): another office that may see the letter — the sender, a relay, a
    // later recipient — is told it does not exist, as for the copy's reader and notes (scopeDeliveryView)
    const viewer = await this.ctx.access.viewerOf(p);
    const { viewerOfficeIds } = await this.ctx.access.historyScope(String(d.letter_id), viewer);
    if (!viewerOfficeIds.includes(Number(d.office_id))) throw notFound('Surat masuk', deliveryId);
    let tree: DispositionTreeNode[];
    try {
      tree = (await this.queries.letterTree(p, String(d.letter_id))).roots;
    } catch {
      throw notFound('Surat masuk', deliveryId);
    }
    // only this delivery's dispositions (another addressee position of the same office has its own sheet)
    const flat: DispositionTreeNode[] = [];
    const collect = (list: DispositionTreeNode[]) => list.forEach((n) => (n.deliveryId === String(d.id) && flat.push(n), collect(n.children)));
    collect(tree);
    const ids = flat.map((n) => n.id);
    const acts = new Map<string, Acts>();
    const reports = new Map<string, SheetFollowUp[]>();
    const holders = new Map<number, string>();
    if (ids.length) {
      const marks = ids.map(() => '?').join(',');
      const rows = await ds.query(
        `SELECT d.id, ru.full_name AS read_by, cu.full_name AS completed_by FROM dispositions d
         LEFT JOIN users ru ON ru.id = d.read_by_user_id LEFT JOIN users cu ON cu.id = d.completed_by_user_id WHERE d.id IN (${marks})`,
        ids,
      );
      for (const r of rows) acts.set(String(r.id), { readBy: r.read_by ?? null, completedBy: r.completed_by ?? null });
      const fus = await ds.query(
        `SELECT f.disposition_id, f.body, f.capacity, f.created_at, p.title, u.full_name FROM disposition_follow_ups f
         JOIN positions p ON p.id = f.author_position_id JOIN users u ON u.id = f.author_user_id WHERE f.disposition_id IN (${marks}) ORDER BY f.id`,
        ids,
      );
      for (const f of fus) {
        const list = reports.get(String(f.disposition_id)) ?? [];
        list.push({ body: String(f.body), by: { title: String(f.title), prefix: PREFIX[f.capacity] ?? '', name: String(f.full_name) }, at: f.created_at });
        reports.set(String(f.disposition_id), list);
      }
    }
    const positions = [...new Set([Number(d.position_id), ...flat.map((n) => n.recipient.id)])];
    const current = await ds.query(
      `SELECT position_id, GROUP_CONCAT(full_name ORDER BY id SEPARATOR ', ') AS names FROM users WHERE is_active = 1 AND position_id IN (${positions.map(() => '?').join(',')}) GROUP BY position_id`,
      positions,
    );
    for (const r of current) holders.set(Number(r.position_id), String(r.names));

    const times: number[] = [new Date(d.created_at).getTime()];
    const nodes: SheetNode[] = [];
    const byParent = new Map<string, DispositionTreeNode[]>();
    const roots: DispositionTreeNode[] = [];
    const shown = new Set(ids);
    for (const n of flat) {
      if (n.parentId && shown.has(n.parentId)) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
      else roots.push(n);
    }
    // one disposition = the rows its author issued in one go (same parent, author, moment)
    const group = (list: DispositionTreeNode[]) => {
      const groups = new Map<string, DispositionTreeNode[]>();
      for (const n of [...list].sort((a, b) => Number(a.id) - Number(b.id))) {
        const key = `${n.parentId}|${n.author.id}|${n.author.userId}|${new Date(n.createdAt).getTime()}`;
        groups.set(key, [...(groups.get(key) ?? []), n]);
      }
      return [...groups.values()];
    };
    const emit = (rows: DispositionTreeNode[], number: string, depth: number): void => {
      const first = rows[0];
      const sheet: SheetNode = {
        number, depth,
        from: { title: first.author.title, prefix: PREFIX[first.author.capacity] ?? '', name: first.author.userName },
        issuedAt: first.createdAt, instructions: first.instructions.map((i) => i.label), note: first.note, priority: first.priority, deadline: first.deadline,
        recipients: [],
      };
      nodes.push(sheet);
      // the dispositions its recipients gave further down follow it, numbered on from it in the order of its recipients
      const below: DispositionTreeNode[][] = [];
      for (const n of rows) {
        for (const t of [n.createdAt, n.readAt, n.startedAt, n.completedAt, n.cancelledAt]) if (t) times.push(new Date(t).getTime());
        const a = acts.get(n.id) ?? { readBy: null, completedBy: null };
        const fu = reports.get(n.id) ?? [];
        for (const f of fu) times.push(new Date(f.at).getTime());
        const name = a.readBy ?? a.completedBy ?? fu[0]?.by.name ?? holders.get(n.recipient.id) ?? null;
        const onward: string[] = [];
        for (const g of group(byParent.get(n.id) ?? [])) {
          below.push(g);
          onward.push(`${number}.${below.length}`);
        }
        sheet.recipients.push({
          to: { title: n.recipient.title, prefix: '', name }, status: n.status, readAt: n.readAt, readBy: a.readBy, followUps: fu,
          completedAt: n.completedAt, completedBy: a.completedBy, cancelledAt: n.cancelledAt, onward,
        });
      }
      below.forEach((g, i) => emit(g, `${number}.${i + 1}`, depth + 1));
    };
    group(roots).forEach((g, i) => emit(g, String(i + 1), 0));
    const data = await renderDispositionSheet({
      deliveryId: String(d.id), officeName: d.office_name, officeCity: d.office_city,
      agenda: { number: Number(d.agenda_number), year: Number(d.agenda_year), receivedAt: d.created_at },
      letter: { number: d.number ?? null, date: d.signed_at ? new Date(d.signed_at) : d.external_date ?? null, sender: d.sender_name, subject: d.subject, securityClass: d.security_class, urgency: d.urgency },
      receivedBy: { title: d.position_title, prefix: '', name: d.read_by ?? holders.get(Number(d.position_id)) ?? null },
      nodes, asOf: new Date(Math.max(...times)),
    });
    return { filename: `lembar-disposisi-${d.agenda_year}-${d.agenda_number}.pdf`, data };
  }
}
