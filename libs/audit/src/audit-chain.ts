import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export type Capacity = 'SENDIRI' | 'PLT' | 'PLH' | 'AN' | 'SYSTEM';

/** Who acts: a user in a position and capacity, or the system (a job). */
export interface Actor {
  userId: number | null;
  positionId: number | null;
  capacity: Capacity;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, positionId: null, capacity: 'SYSTEM' };

export interface ChainedFields {
  stream: number;
  seq: number;
  prevHash: string;
  occurredAt: Date;
  actorUserId: number | null;
  actorPositionId: number | null;
  capacity: string | null;
  officeId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/**
 * The canonical text an event's hash covers (every field but the hashes). `seq` may be replaced by
 * a stand-in (a marker the batch append swaps for the sequence the database assigns).
 */
export function eventBody(f: ChainedFields, seq: unknown = Number(f.seq)): string {
  return canonicalJson({
    stream: f.stream,
    seq,
    occurredAt: new Date(f.occurredAt).toISOString(),
    actorUserId: f.actorUserId === null ? null : Number(f.actorUserId),
    actorPositionId: f.actorPositionId === null ? null : Number(f.actorPositionId),
    capacity: f.capacity,
    officeId: f.officeId === null ? null : Number(f.officeId),
    action: f.action,
    entityType: f.entityType,
    entityId: String(f.entityId),
    before: f.before ?? null,
    after: f.after ?? null,
    requestId: f.requestId,
  });
}

/** The hash of one event: SHA-256 over the previous hash, a newline and the canonical body. */
export function eventHash(f: ChainedFields): string {
  return createHash('sha256').update(f.prevHash).update('\n').update(eventBody(f)).digest('hex');
}

/** The chain an entity's events go to: stable, so an entity's history stays in order in one stream. */
export function streamOf(entityType: string, entityId: string, shards: number): number {
  const h = createHash('sha1').update(`${entityType}#${entityId}`).digest();
  return h.readUInt32BE(0) % shards;
}
