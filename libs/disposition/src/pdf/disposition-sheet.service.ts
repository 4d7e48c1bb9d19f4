import { Injectable } from '@nestjs/common';
import { notFound } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { DispositionContext } from '../disposition-context';
import { DispositionsQueryService } from '../queries/dispositions-query.service';
import type { DispositionTreeNode } from '../disposition.types';
import { renderDispositionSheet } from './lembar-disposisi-pdf';
import type { SheetNode } from './sheet-input';

const PREFIX: Record<string, string> = { SENDIRI: '', PLT: 'Plt.', PLH: 'Plh.' };

/** The lembar disposisi of one received letter, with the dispositions the caller may see. */
@Injectable()
export class DispositionSheetService {
  constructor(
    private readonly ctx: DispositionContext,
    private readonly queries: DispositionsQueryService,
  ) {}

  async render(p: Principal, deliveryId: string): Promise<{ filename: string; data: Buffer }> {
    const [d] = /^\d{1,19}$/.test(deliveryId)
      ? await this.ctx.ds.query(
          `SELECT d.id, d.letter_id, d.agenda_number, d.agenda_year, d.created_at, d.sender_name, d.subject, d.number, d.urgency, d.security_class,
             COALESCE(l.signed_at, l.external_date) AS letter_date, pos.title AS position_title, o.name AS office_name
           FROM deliveries d JOIN letters l ON l.id = d.letter_id JOIN positions pos ON pos.id = d.position_id JOIN offices o ON o.id = d.office_id WHERE d.id = ?`,
          [deliveryId],
        )
      : [];
    if (!d) throw notFound('Surat masuk', deliveryId);
    let tree: DispositionTreeNode[];
    try {
      tree = (await this.queries.letterTree(p, String(d.letter_id))).roots;
    } catch {
      throw notFound('Surat masuk', deliveryId);
    }
    const nodes: SheetNode[] = [];
    const times: number[] = [new Date(d.created_at).getTime()];
    const walk = (list: DispositionTreeNode[], depth: number) => {
      for (const n of list) {
        if (n.deliveryId === String(d.id)) {
          nodes.push({
            depth, from: n.author.title, fromPrefix: PREFIX[n.author.capacity] ?? '', to: n.recipient.title, instructions: n.instructions.map((i) => i.label),
            note: n.note, priority: n.priority, deadline: n.deadline, status: n.status, issuedAt: n.createdAt,
          });
          for (const t of [n.createdAt, n.readAt, n.startedAt, n.completedAt, n.cancelledAt]) if (t) times.push(new Date(t).getTime());
        }
        walk(n.children, depth + 1);
      }
    };
    walk(tree, 0);
    const data = await renderDispositionSheet({
      deliveryId: String(d.id), officeName: d.office_name,
      agenda: { number: Number(d.agenda_number), year: Number(d.agenda_year), receivedAt: d.created_at },
      letter: { number: d.number ?? null, date: d.letter_date ? new Date(d.letter_date) : null, sender: d.sender_name, subject: d.subject, securityClass: d.security_class, urgency: d.urgency },
      receivedBy: d.position_title, nodes, asOf: new Date(Math.max(...times)),
    });
    return { filename: `lembar-disposisi-${d.agenda_year}-${d.agenda_number}.pdf`, data };
  }
}
