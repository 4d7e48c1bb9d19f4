import type { EntityManager } from 'typeorm';

/**
 * The users who act for each position on a day: its active holder(s) and anyone holding it that
 * day by delegation (Plt/Plh). Notifications for a position go to all of them.
 */
export async function usersActingFor(em: EntityManager, positionIds: number[], today: string): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(positionIds.map((id) => [id, []]));
  if (!positionIds.length) return out;
  const marks = positionIds.map(() => '?').join(',');
  const rows: { position_id: number; user_id: number }[] = await em.query(
    `SELECT position_id, id AS user_id FROM users WHERE is_active = 1 AND position_id IN (${marks})
     UNION
     SELECT d.position_id, d.user_id FROM delegations d JOIN users u ON u.id = d.user_id AND u.is_active = 1
      WHERE d.position_id IN (${marks}) AND d.revoked_at IS NULL AND d.starts_on <= ? AND d.ends_on >= ?`,
    [...positionIds, ...positionIds, today, today],
  );
  for (const r of rows) {
    const list = out.get(Number(r.position_id))!;
    if (!list.includes(Number(r.user_id))) list.push(Number(r.user_id));
  }
  return out;
}
