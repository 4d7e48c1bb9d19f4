import { Injectable } from '@nestjs/common';
import { accessSql, AccessViewer } from '@naskah/correspondence';
import { AuditEventView } from '@naskah/audit';
import type { Principal } from '@naskah/identity';
import { isBelow } from '@naskah/organisation';
import { DispositionContext } from '../disposition-context';
import { visibleDisposition } from '../disposition-guard';
import { loadSubtree } from '../dispositions.repository';
import { addWorkingDays } from '../calendar/working-days';
import { rollUp, Rollup } from '../rules/rollup';
import type { DispositionStatus } from '../rules/disposition-rules';
import type { DispositionDetail, DispositionTreeNode, DispositionView } from '../disposition.types';
import { followUpsOf, viewsOf } from './disposition-views';

export interface DispositionListQuery {
  status?: DispositionStatus;
  /** open and past its deadline */
  overdue?: boolean;
  /** open, not overdue, deadline within DUE_SOON_WORKING_DAYS working days */
  dueSoon?: boolean;
  /** only one of the positions the caller acts for */
  positionId?: number;
  page?: number;
  pageSize?: number;
}

export interface DispositionPage {
  items: DispositionView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export const DUE_SOON_WORKING_DAYS = 2;
const OPEN = "d.status IN ('UNREAD','READ','IN_PROGRESS')";

/** Read side: one disposition, what I gave, what I received, a letter's tree, an office's overdue list. */
@Injectable()
export class DispositionsQueryService {
  constructor(private readonly ctx: DispositionContext) {}

  async detail(p: Principal, id: string): Promise<DispositionDetail> {
    const em = this.ctx.ds.manager;
    const { row, viewer } = await visibleDisposition(em, this.ctx, p, id);
    const now = this.ctx.clock.now();
    const [view] = await viewsOf(em, 'd.id = ?', [id], now);
    const subtree = await loadSubtree(em, row);
    return {
      ...view,
      deadlineWarning: await this.ctx.calendar.deadlineWarning(view.deadline),
      mine: { asRecipient: viewer.positionIds.includes(row.recipientPositionId), asAuthor: viewer.positionIds.includes(row.authorPositionId) },
      followUps: await followUpsOf(em, id),
      children: await viewsOf(em, 'd.parent_id = ?', [id], now),
      rollup: rollUp(row.id, [row, ...subtree], now),
    };
  }

  async rollup(p: Principal, id: string): Promise<Rollup & { dispositionId: string }> {
    const { row } = await visibleDisposition(this.ctx.ds.manager, this.ctx, p, id);
    return { dispositionId: id, ...rollUp(row.id, [row, ...(await loadSubtree(this.ctx.ds.manager, row))], this.ctx.clock.now()) };
  }

  given(p: Principal, q: DispositionListQuery): Promise<DispositionPage> {
    return this.list(p, 'd.author_position_id', q);
  }

  received(p: Principal, q: DispositionListQuery): Promise<DispositionPage> {
    return this.list(p, 'd.recipient_position_id', q);
  }

  private async list(p: Principal, column: string, q: DispositionListQuery): Promise<DispositionPage> {
    const viewer = await this.ctx.access.viewerOf(p);
    const positions = q.positionId ? viewer.positionIds.filter((id) => id === q.positionId) : viewer.positionIds;
    const page = q.page ?? 1;
    const pageSize = Math.min(q.pageSize ?? 20, 100);
    if (!positions.length) return { items: [], page, pageSize, hasMore: false };
    const now = this.ctx.clock.now();
    const where = [`${column} IN (${positions.map(() => '?').join(',')})`];
    // what was cancelled before I read it is no longer mine to see (the author still sees it among what they gave)
    if (column === 'd.recipient_position_id') where.push("d.status <> 'CANCELLED'");
    // dispositions on a copy its office has destroyed went with it
    where.push('NOT EXISTS (SELECT 1 FROM letter_holdings_ended e WHERE e.letter_id = d.letter_id AND e.office_id = d.office_id)');
    const params: unknown[] = [...positions];
    if (q.status) (where.push('d.status = ?'), params.push(q.status));
    if (q.overdue) (where.push(`${OPEN} AND d.due_at <= ?`), params.push(now));
    if (q.dueSoon) {
      const horizon = addWorkingDays(this.ctx.calendar.today(), DUE_SOON_WORKING_DAYS, await this.ctx.calendar.calendar());
      where.push(`${OPEN} AND d.due_at > ? AND d.deadline <= ?`);
      params.push(now, horizon);
    }
    const order = q.overdue || q.dueSoon ? 'ORDER BY d.due_at, d.id' : 'ORDER BY d.id DESC';
    const items = await viewsOf(this.ctx.ds.manager, where.join(' AND '), params, now, `${order} LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`);
    return { items: items.slice(0, pageSize), page, pageSize, hasMore: items.length > pageSize };
  }

  /** The tree(s) of one letter in the caller's office, holding only the nodes the caller may see (a hidden node's visible children become roots). */
  async letterTree(p: Principal, letterId: string): Promise<{ letterId: string; roots: DispositionTreeNode[] }> {
    const viewer = await this.ctx.access.viewerOf(p);
    await this.ctx.access.assertVisible(letterId, viewer);
    const nodes = await viewsOf(this.ctx.ds.manager, 'd.letter_id = ? AND d.office_id = ?', [letterId, viewer.officeId ?? 0], this.ctx.clock.now());
    const paths = await this.ctx.ds.query(`SELECT id, path FROM positions WHERE id IN (${[0, ...nodes.map((n) => n.recipient.id)].join(',')})`);
    const posPath = new Map<number, string>(paths.map((r: { id: number; path: string }) => [Number(r.id), String(r.path)]));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const mine = new Set(viewer.positionIds);
    // the same rule as visibleDisposition: the chain above a node I am in, everything below it, and what my subordinates received
    const show = new Set<string>();
    for (const n of nodes) {
      if (!mine.has(n.author.id) && !mine.has(n.recipient.id)) continue;
      for (let up: DispositionView | undefined = n; up; up = byId.get(up.parentId ?? '')) show.add(up.id);
    }
    for (const n of nodes) {
      const superior = viewer.positionPaths.some((vp) => isBelow(posPath.get(n.recipient.id) ?? '', vp));
      let hasShownAncestor = false;
      for (let up = byId.get(n.parentId ?? ''); up && !hasShownAncestor; up = byId.get(up.parentId ?? '')) hasShownAncestor = mine.has(up.author.id) || mine.has(up.recipient.id);
      if (superior || hasShownAncestor) show.add(n.id);
    }
    const visible = new Map(nodes.filter((n) => show.has(n.id)).map((n) => [n.id, { ...n, children: [] as DispositionTreeNode[] }]));
    const roots: DispositionTreeNode[] = [];
    for (const n of visible.values()) {
      const parent = n.parentId ? visible.get(n.parentId) : undefined;
      (parent ? parent.children : roots).push(n);
    }
    return { letterId, roots };
  }

  /** Open dispositions past their deadline addressed to positions below the caller's (a leader sees the office's), oldest deadline first. */
  async overdue(p: Principal, q: { page?: number; pageSize?: number } = {}): Promise<DispositionPage & { asOf: Date }> {
    const viewer: AccessViewer = await this.ctx.access.viewerOf(p);
    const page = q.page ?? 1;
    const pageSize = Math.min(q.pageSize ?? 50, 100);
    const now = this.ctx.clock.now();
    if (!viewer.positionPaths.length) return { items: [], page, pageSize, hasMore: false, asOf: now };
    const below = viewer.positionPaths.map(() => '(rp.path LIKE ? AND rp.path <> ?)').join(' OR ');
    const access = accessSql('l', viewer);
    const items = await viewsOf(
      this.ctx.ds.manager,
      `${OPEN} AND d.due_at <= ? AND d.office_id IN (SELECT office_id FROM positions WHERE id IN (${viewer.positionIds.map(() => '?').join(',')})) AND (${below}) AND ${access.sql}`,
      [now, ...viewer.positionIds, ...viewer.positionPaths.flatMap((vp) => [`${vp.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, vp]), ...access.params],
      now,
      `ORDER BY d.due_at, d.id LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`,
    );
    return { items: items.slice(0, pageSize), page, pageSize, hasMore: items.length > pageSize, asOf: now };
  }

  /** The disposition's own events from the letter's history (riwayat). */
  async history(p: Principal, id: string): Promise<AuditEventView[]> {
    const { row } = await visibleDisposition(this.ctx.ds.manager, this.ctx, p, id);
    const events = await this.ctx.audit.history('letter', row.letterId);
    return events.filter((e) => (e.after as { dispositionId?: string } | null)?.dispositionId === id || (e.before as { dispositionId?: string } | null)?.dispositionId === id);
  }
}
