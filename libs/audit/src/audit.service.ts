import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { SqlStatement } from '@naskah/db';
import { Actor, GENESIS_HASH, eventHash, streamOf } from './audit-chain';
import { batchAppendStatements } from './audit-batch';
import type { Anchors } from './checkpoint/audit-checkpoint';

export interface AuditEventInput {
  action: string;
  entityType: string;
  entityId: string | number;
  officeId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEventView {
  id: string;
  seq: number;
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
}

export interface VerifyReport {
  ok: boolean;
  streams: number;
  checked: number;
  problems: string[];
  /** Trusted checkpoints the rows were checked against (AuditCheckpointService.verify). */
  checkpoints?: number;
}

export interface VerifyOptions {
  /** Heads pinned by signed checkpoints: each must still be reproduced by the rows. Read from the primary. */
  anchors?: Anchors;
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));

/**
 * The append-only, hash-chained audit trail. `record` must be called with the EntityManager of the
 * transaction that makes the change, once, near its end: it locks the head of one chain (chosen by
 * the first event's entity) so concurrent writers of different entities rarely wait on each other.
 */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Chains whose head row is known to exist, so `record` only has to lock it. */
  private readonly knownStreams = new Set<number>();

  /** Creates the head of every chain up front (idempotent), so writers only ever lock an existing row. */
  async onModuleInit(): Promise<void> {
    const streams = Array.from({ length: this.config.AUDIT_SHARDS }, (_, i) => i);
    await this.ds.query(`INSERT IGNORE INTO audit_heads (stream, seq, hash) VALUES ${streams.map(() => '(?, 0, ?)').join(', ')}`, streams.flatMap((s) => [s, GENESIS_HASH]));
    for (const s of streams) this.knownStreams.add(s);
  }

  async record(em: EntityManager, actor: Actor, events: AuditEventInput | AuditEventInput[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (!list.length) return;
    const stream = streamOf(list[0].entityType, String(list[0].entityId), this.config.AUDIT_SHARDS);
    const createHead = () => em.query('INSERT INTO audit_heads (stream, seq, hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE seq = seq', [stream, GENESIS_HASH]);
    // A locking read: it waits for the previous writer of this chain and then sees its committed
    // head, whatever snapshot the caller's transaction (REPEATABLE READ by default) already holds.
    const lockHead = async () => (await em.query('SELECT seq, hash FROM audit_heads WHERE stream = ? FOR UPDATE', [stream]))[0];
    if (!this.knownStreams.has(stream)) await createHead();
    let head = await lockHead();
    if (!head) {
      await createHead(); // the head row vanished (a test emptied the table): start the chain again
      head = await lockHead();
    }
    this.knownStreams.add(stream);
    let seq = Number(head.seq);
    let prevHash: string = head.hash;
    const occurredAt = new Date(Math.floor(this.clock.now().getTime()));
    const rows: unknown[] = [];
    for (const e of list) {
      seq += 1;
      const fields = {
        stream,
        seq,
        prevHash,
        occurredAt,
        actorUserId: actor.userId,
        actorPositionId: actor.positionId,
        capacity: actor.capacity,
        officeId: e.officeId ?? null,
        action: e.action,
        entityType: e.entityType,
        entityId: String(e.entityId),
        before: e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)),
        after: e.after === undefined ? null : JSON.parse(JSON.stringify(e.after)),
        requestId: actor.requestId ?? null,
      };
      const hash = eventHash(fields);
      rows.push([stream, seq, prevHash, hash, occurredAt, fields.actorUserId, fields.actorPositionId, fields.capacity, fields.officeId,
        fields.action, fields.entityType, fields.entityId, JSON.stringify(fields.before), JSON.stringify(fields.after), fields.requestId]);
      prevHash = hash;
    }
    await em.query(
      `INSERT INTO audit_events (stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_position_id, capacity, office_id, action, entity_type, entity_id, before_state, after_state, request_id) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
    await em.query('UPDATE audit_heads SET seq = ?, hash = ? WHERE stream = ?', [seq, prevHash, stream]);
  }

  /**
   * `record` for a batch transaction (`BatchSql`): the statements that append one event, for the
   * caller to send in the same round trip as the change (and its COMMIT). `after`/`before` may hold
   * `DeferredText` values the database fills in as the batch runs (see `batchAppendStatements`).
   */
  recordStatements(actor: Actor, e: AuditEventInput, occurredAt: Date = this.clock.now()): SqlStatement[] {
    return batchAppendStatements({
      stream: streamOf(e.entityType, String(e.entityId), this.config.AUDIT_SHARDS),
      occurredAt: new Date(Math.floor(occurredAt.getTime())),
      actor,
      officeId: e.officeId ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      before: e.before,
      after: e.after,
    });
  }

  /** Events of one entity, oldest first (the entity's history / riwayat). */
  async history(entityType: string, entityId: string | number): Promise<AuditEventView[]> {
    const rows = await this.ds.query(
      'SELECT id, seq, occurred_at, actor_user_id, actor_position_id, capacity, office_id, action, entity_type, entity_id, before_state, after_state FROM audit_events WHERE entity_type = ? AND entity_id = ? ORDER BY id',
      [entityType, String(entityId)],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id), seq: Number(r.seq), occurredAt: r.occurred_at as Date,
      actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
      actorPositionId: r.actor_position_id === null ? null : Number(r.actor_position_id),
      capacity: r.capacity as string | null, officeId: r.office_id === null ? null : Number(r.office_id),
      action: r.action as string, entityType: r.entity_type as string, entityId: r.entity_id as string,
      before: parse(r.before_state), after: parse(r.after_state),
    }));
  }

  /**
   * Walks every chain inside one consistent snapshot (so writers appending meanwhile are not taken
   * for tampering): an edited row breaks its hash, a deleted row breaks the sequence or the head.
   * The chain alone cannot show a rewrite that recomputed every later hash and the head; `anchors`
   * (signed checkpoints kept outside the database) can: AuditCheckpointService.verify.
   */
  async verify(batch = 5000, opts: VerifyOptions = {}): Promise<VerifyReport> {
    // Checkpoints are taken from the primary's heads: a lagging replica would miss anchored rows.
    const qr = this.ds.createQueryRunner(opts.anchors ? 'master' : 'slave');
    await qr.connect();
    try {
      await qr.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await qr.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
      try {
        return await this.walk((sql, params) => qr.query(sql, params), batch, opts.anchors ?? new Map());
      } finally {
        await qr.query('COMMIT');
      }
    } finally {
      await qr.release();
    }
  }

  private async walk(query: (sql: string, params?: unknown[]) => Promise<any>, batch: number, anchors: Anchors): Promise<VerifyReport> {
    const heads: { stream: number; seq: string; hash: string }[] = await query('SELECT stream, seq, hash FROM audit_heads ORDER BY stream');
    const problems: string[] = [];
    let checked = 0;
    const known = new Set(heads.map((h) => Number(h.stream)));
    const orphan = await query('SELECT DISTINCT stream FROM audit_events');
    for (const o of orphan) if (!known.has(Number(o.stream))) problems.push(`stream ${o.stream}: events without a head`);
    for (const head of heads) {
      const stream = Number(head.stream);
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      const pinned = anchors.get(stream);
      for (;;) {
        const rows = await query(
          `SELECT id, seq, prev_hash, hash, occurred_at, actor_user_id, actor_position_id, capacity, office_id, action, entity_type, entity_id, before_state, after_state, request_id
           FROM audit_events WHERE stream = ? AND seq >= ? ORDER BY seq LIMIT ?`,
          [stream, expectedSeq, batch],
        );
        for (const r of rows) {
          checked++;
          const seq = Number(r.seq);
          if (seq !== expectedSeq) problems.push(`stream ${stream}: seq ${expectedSeq}..${seq - 1} missing (deleted rows)`);
          if (r.prev_hash !== prevHash) problems.push(`stream ${stream} seq ${seq}: prev_hash does not match the previous event`);
          const recomputed = eventHash({
            stream, seq, prevHash: r.prev_hash, occurredAt: r.occurred_at,
            actorUserId: r.actor_user_id, actorPositionId: r.actor_position_id, capacity: r.capacity, officeId: r.office_id,
            action: r.action, entityType: r.entity_type, entityId: r.entity_id,
            before: parse(r.before_state), after: parse(r.after_state), requestId: r.request_id,
          });
          if (recomputed !== r.hash) problems.push(`stream ${stream} seq ${seq} (id ${r.id}): content does not match its hash (edited)`);
          const anchor = pinned?.get(seq);
          if (anchor && anchor.hash !== r.hash) {
            problems.push(`stream ${stream} seq ${seq} (id ${r.id}): hash differs from signed checkpoint ${anchor.checkpoint} (chain rewritten)`);
          }
          prevHash = r.hash;
          expectedSeq = seq + 1;
        }
        if (rows.length < batch) break;
      }
      if (expectedSeq - 1 !== Number(head.seq) || prevHash !== head.hash) {
        problems.push(`stream ${stream}: head says seq ${head.seq}, chain ends at ${expectedSeq - 1} (events deleted or head edited)`);
      }
      for (const [seq, anchor] of pinned ?? []) {
        if (seq >= expectedSeq) problems.push(`stream ${stream} seq ${seq}: in signed checkpoint ${anchor.checkpoint} but the chain ends at ${expectedSeq - 1} (events deleted)`);
      }
    }
    for (const [stream, pinned] of anchors) {
      if (!known.has(stream)) problems.push(`stream ${stream}: in ${pinned.size} signed checkpoint head(s) but has no head row (chain deleted)`);
    }
    return { ok: problems.length === 0, streams: heads.length, checked, problems };
  }
}
