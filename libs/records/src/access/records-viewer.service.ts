import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@naskah/audit';
import { DelegationsService, Principal } from '@naskah/identity';
import type { PositionKind } from '@naskah/organisation';
import { ApprovalStep, stepsHeldBy } from '../retention/approval-requirements';
import { RecordsViewer } from './dossier-access';

/** Builds the caller's records scope (own position + today's Plt/Plh) once per request. */
@Injectable()
export class RecordsViewerService {
  constructor(
    private readonly ds: DataSource,
    private readonly delegations: DelegationsService,
  ) {}

  async viewerOf(p: Principal): Promise<RecordsViewer> {
    const ids = await this.delegations.actingPositions(p.userId, p.positionId);
    const rows: Record<string, unknown>[] = ids.length
      ? await this.ds.query(
          `SELECT p.id, p.office_id, p.kind, p.path, p.unit_id, u.code AS unit_code FROM positions p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id IN (${ids.map(() => '?').join(',')})`,
          ids,
        )
      : [];
    const positions = rows.map((r) => ({
      positionId: Number(r.id), officeId: Number(r.office_id), kind: r.kind as PositionKind, path: String(r.path),
      unitId: r.unit_id === null ? null : Number(r.unit_id), unitCode: (r.unit_code as string | null) ?? null,
    }));
    return { userId: p.userId, officeId: p.officeId, roles: p.roles, positions, positionIds: positions.map((x) => x.positionId), positionPaths: positions.map((x) => x.path) };
  }
}

/** The audit actor for a principal acting in their own position, or through another one as Plt/Plh. */
export function actorOf(p: Principal, positionId: number | null = p.positionId, capacity: Actor['capacity'] = 'SENDIRI'): Actor {
  return { userId: p.userId, positionId, capacity, requestId: p.requestId ?? null };
}

/** The position through which the viewer may decide `step` for an office, preferring their own. */
export function positionForStep(v: RecordsViewer, ownPositionId: number | null, officeId: number, step: ApprovalStep): number | null {
  const able = v.positions.filter((p) => stepsHeldBy(p, officeId).includes(step));
  return able.find((p) => p.positionId === ownPositionId)?.positionId ?? able[0]?.positionId ?? null;
}
