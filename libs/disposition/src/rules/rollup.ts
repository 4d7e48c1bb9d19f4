import type { IsoDate } from '../calendar/working-days';
import { isOverdue } from '../calendar/reminder-schedule';
import { DispositionStatus, OPEN_STATUSES } from './disposition-rules';

export interface RollupNode {
  id: string;
  parentId: string | null;
  status: DispositionStatus;
  deadline: IsoDate | null;
}

export interface Rollup {
  /** nodes below the root (the root itself not counted) */
  total: number;
  byStatus: Record<DispositionStatus, number>;
  open: number;
  overdue: number;
  /** DONE ÷ (total − CANCELLED), in percent; 100 when nothing is left to do */
  percentDone: number;
  /** the latest deadline among open nodes */
  latestOpenDeadline: IsoDate | null;
  /** depth of the deepest level below the root */
  levels: number;
}

/** The roll-up a parent sees of its subtree: how much of what it delegated is done, open or late. */
export function rollUp(rootId: string, nodes: RollupNode[], now: Date): Rollup {
  const children = new Map<string, RollupNode[]>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const byStatus: Record<DispositionStatus, number> = { UNREAD: 0, READ: 0, IN_PROGRESS: 0, DONE: 0, CANCELLED: 0 };
  let total = 0;
  let overdue = 0;
  let levels = 0;
  let latest: IsoDate | null = null;
  const walk = (id: string, depth: number) => {
    for (const c of children.get(id) ?? []) {
      total++;
      byStatus[c.status]++;
      levels = Math.max(levels, depth);
      if (OPEN_STATUSES.includes(c.status)) {
        if (isOverdue(c.deadline, now)) overdue++;
        if (c.deadline && (!latest || c.deadline > latest)) latest = c.deadline;
      }
      walk(c.id, depth + 1);
    }
  };
  walk(rootId, 1);
  const open = byStatus.UNREAD + byStatus.READ + byStatus.IN_PROGRESS;
  const countable = total - byStatus.CANCELLED;
  return { total, byStatus, open, overdue, percentDone: countable ? Math.round((byStatus.DONE * 1000) / countable) / 10 : 100, latestOpenDeadline: latest, levels };
}
