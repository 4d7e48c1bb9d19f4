import type { TransmissionKind } from './transmissions';

/** At most this many positions per NOTIFY_POSITIONS job (NotifyPositionsPayload's ArrayMaxSize). */
export const NOTICE_BATCH = 1000;

/** A delivery just created, as the notices see it. */
export interface NoticeTarget {
  ordinal: number;
  kind: 'TO' | 'CC';
  positionId: number;
  toBeForwarded: boolean;
}

export type NoticeGroup = 'to' | 'fwd' | 'cc' | 'ret';

/** One NOTIFY_POSITIONS job: a group of receiving positions told the same thing. */
export interface DeliveryNotice {
  group: NoticeGroup;
  title: string;
  positionIds: number[];
  /** The ordinal of the one delivery this notice is about, when it is about exactly one (its id goes into the notification). */
  ordinal: number | null;
  /** Outbox/dedupe key: deterministic per transmission, group and batch, so a replay notifies nobody twice. */
  key: string;
}

/** Titles (Bahasa Indonesia); `from` is the name of the office that sent, forwarded or returned the letter. */
export function noticeTitle(group: NoticeGroup, kind: TransmissionKind, from: string): string {
  if (group === 'ret') return `Surat dikembalikan oleh ${from}`;
  if (group === 'fwd') return 'Surat masuk untuk diteruskan';
  if (group === 'cc') return kind === 'FORWARD' ? `Tembusan surat masuk, diteruskan oleh ${from}` : 'Tembusan surat masuk';
  return kind === 'FORWARD' ? `Surat masuk diteruskan oleh ${from}` : 'Surat masuk baru';
}

/**
 * Who is told what when a transmission's deliveries land in inboxes. Each receiving position is
 * told once, in the first group that applies: a returned letter (RETURN), an addressee (TO), a
 * letter to be forwarded, a copy (CC). Groups are cut into batches of `batch` positions, so a
 * circular to 552 offices is one job. Pure.
 */
export function deliveryNotices(transmissionId: string, kind: TransmissionKind, from: string, targets: NoticeTarget[], batch = NOTICE_BATCH): DeliveryNotice[] {
  const groupOf = (t: NoticeTarget): NoticeGroup => (kind === 'RETURN' ? 'ret' : t.toBeForwarded ? 'fwd' : t.kind === 'CC' ? 'cc' : 'to');
  const order: NoticeGroup[] = ['ret', 'to', 'fwd', 'cc'];
  const chosen = new Map<number, NoticeGroup>();
  for (const t of targets) {
    const g = groupOf(t);
    const had = chosen.get(t.positionId);
    if (had === undefined || order.indexOf(g) < order.indexOf(had)) chosen.set(t.positionId, g);
  }
  const notices: DeliveryNotice[] = [];
  for (const group of order) {
    const positions = [...chosen].filter(([, g]) => g === group).map(([p]) => p);
    for (let i = 0; i * batch < positions.length; i++) {
      const positionIds = positions.slice(i * batch, (i + 1) * batch);
      const mine = positionIds.length === 1 ? targets.filter((t) => t.positionId === positionIds[0] && groupOf(t) === group) : [];
      notices.push({
        group,
        title: noticeTitle(group, kind, from),
        positionIds,
        ordinal: mine.length === 1 ? mine[0].ordinal : null,
        key: `transmission-${transmissionId}-${group}-${i + 1}`,
      });
    }
  }
  return notices;
}
