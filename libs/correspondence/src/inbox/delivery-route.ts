import type { EntityManager } from 'typeorm';

/** One place on a letter's way to a delivery: who sent, forwarded or returned it there, when, with what note. */
export interface RouteHop {
  office: { id: number; code: string; name: string };
  position: { id: number; title: string } | null;
  /** What happened here: the letter left (SEND/REGISTER/FORWARD/RETURN) or it is where it rests (RECEIVED). */
  action: 'SEND' | 'REGISTER' | 'FORWARD' | 'RETURN' | 'RECEIVED';
  by: { userId: number; name: string; capacity: string | null } | null;
  at: Date;
  note: string | null;
  /** The delivery that brought the letter here (absent for the origin). */
  deliveryId: string | null;
  agendaNumber: number | null;
  receivedAt: Date | null;
  readAt: Date | null;
}

interface Step {
  deliveryId: string;
  officeId: number;
  positionId: number;
  receivedAt: Date;
  readAt: Date | null;
  agendaNumber: number;
  tx: { kind: RouteHop['action']; fromOfficeId: number; fromPositionId: number | null; byUserId: number | null; capacity: string | null; at: Date; note: string | null };
  sourceDeliveryId: string | null;
}

const MAX_HOPS = 50;

/** Walks transmissions.source_delivery_id back from a delivery to the letter's origin; returns the hops origin first. */
export async function routeOf(em: EntityManager, deliveryId: string): Promise<RouteHop[]> {
  const steps: Step[] = [];
  let cur: string | null = deliveryId;
  while (cur && steps.length < MAX_HOPS) {
    const [r] = await em.query(
      `SELECT d.id, d.office_id, d.position_id, d.created_at, d.read_at, d.agenda_number,
              t.kind, t.from_office_id, t.from_position_id, t.by_user_id, t.by_capacity, t.created_at AS t_at, t.note, t.source_delivery_id
       FROM deliveries d JOIN transmissions t ON t.id = d.transmission_id WHERE d.id = ?`,
      [cur],
    );
    if (!r) break;
    steps.push({
      deliveryId: String(r.id), officeId: Number(r.office_id), positionId: Number(r.position_id), receivedAt: r.created_at, readAt: r.read_at ?? null,
      agendaNumber: Number(r.agenda_number), sourceDeliveryId: r.source_delivery_id === null ? null : String(r.source_delivery_id),
      tx: {
        kind: r.kind, fromOfficeId: Number(r.from_office_id), fromPositionId: r.from_position_id === null ? null : Number(r.from_position_id),
        byUserId: r.by_user_id === null ? null : Number(r.by_user_id), capacity: r.by_capacity ?? null, at: r.t_at, note: r.note ?? null,
      },
    });
    cur = steps[steps.length - 1].sourceDeliveryId;
  }
  steps.reverse();
  if (!steps.length) return [];

  const origin = steps[0].tx;
  const raw: (Omit<RouteHop, 'office' | 'position' | 'by'> & { officeId: number; positionId: number | null; byUserId: number | null; capacity: string | null })[] = [
    { officeId: origin.fromOfficeId, positionId: origin.fromPositionId, action: origin.kind, byUserId: origin.byUserId, capacity: origin.capacity, at: origin.at, note: origin.note, deliveryId: null, agendaNumber: null, receivedAt: null, readAt: null },
  ];
  steps.forEach((s, i) => {
    const next = steps[i + 1]?.tx;
    raw.push({
      officeId: s.officeId, positionId: s.positionId, action: next ? next.kind : 'RECEIVED', byUserId: next ? next.byUserId : null, capacity: next ? next.capacity : null,
      at: next ? next.at : s.receivedAt, note: next ? next.note : null, deliveryId: s.deliveryId, agendaNumber: s.agendaNumber, receivedAt: s.receivedAt, readAt: s.readAt,
    });
  });

  const names = await namesOf(em, raw.map((h) => h.officeId), raw.flatMap((h) => (h.positionId ? [h.positionId] : [])), raw.flatMap((h) => (h.byUserId ? [h.byUserId] : [])));
  return raw.map(({ officeId, positionId, byUserId, capacity, ...h }) => ({
    ...h,
    office: names.offices.get(officeId) ?? { id: officeId, code: '?', name: '?' },
    position: positionId ? { id: positionId, title: names.positions.get(positionId) ?? '?' } : null,
    by: byUserId ? { userId: byUserId, name: names.users.get(byUserId) ?? '?', capacity } : null,
  }));
}

async function namesOf(em: EntityManager, officeIds: number[], positionIds: number[], userIds: number[]) {
  const inList = (ids: number[]) => (ids.length ? ids : [0]).map(() => '?').join(', ');
  const u = <T>(ids: T[]) => [...new Set(ids)];
  const [offices, positions, users] = await Promise.all([
    em.query(`SELECT id, code, name FROM offices WHERE id IN (${inList(u(officeIds))})`, u(officeIds).length ? u(officeIds) : [0]),
    em.query(`SELECT id, title FROM positions WHERE id IN (${inList(u(positionIds))})`, u(positionIds).length ? u(positionIds) : [0]),
    em.query(`SELECT id, full_name FROM users WHERE id IN (${inList(u(userIds))})`, u(userIds).length ? u(userIds) : [0]),
  ]);
  return {
    offices: new Map<number, RouteHop['office']>(offices.map((o: Record<string, unknown>) => [Number(o.id), { id: Number(o.id), code: String(o.code), name: String(o.name) }])),
    positions: new Map<number, string>(positions.map((p: Record<string, unknown>) => [Number(p.id), String(p.title)])),
    users: new Map<number, string>(users.map((x: Record<string, unknown>) => [Number(x.id), String(x.full_name)])),
  };
}
