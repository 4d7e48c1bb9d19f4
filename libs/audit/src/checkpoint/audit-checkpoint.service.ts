import { Inject, Injectable, Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { AuditService, VerifyReport } from '../audit.service';
import { addAnchors, Anchors, checkCheckpoint, CheckpointHead, CheckpointReason, sameHeads, signCheckpoint } from './audit-checkpoint';
import { CheckpointKey, loadOrCreateCheckpointKey } from './checkpoint-key';
import { AUDIT_CHECKPOINT_STORE, AuditCheckpointStore, checkpointName } from './checkpoint-store';

export interface CheckpointResult {
  /** The new checkpoint's name, or null when the heads had not moved since the last one. */
  name: string | null;
  streams: number;
  events: number;
  keyId: string;
  location: string;
}

/**
 * Anchors the audit chain outside the database. `checkpoint()` signs every chain head (stream,
 * seq, hash) with the checkpoint key — a file the database does not hold — and appends the signed
 * checkpoint to the store; `verify()` walks the chains and requires every head any trusted
 * checkpoint pinned to be reproduced by the rows. Someone who can only write the database can
 * rewrite a row and recompute its whole chain and head, but cannot make an anchored hash come out
 * again, nor sign a checkpoint of their own that the key file accepts.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger('AuditCheckpoint');
  private key: CheckpointKey | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(AUDIT_CHECKPOINT_STORE) private readonly store: AuditCheckpointStore,
  ) {}

  /** The checkpoint key, loaded (or created) on first use, so an API process never needs the file. */
  signingKey(): CheckpointKey {
    if (this.key) return this.key;
    if (resolve(this.config.AUDIT_CHECKPOINT_KEY_PATH) === resolve(this.config.SIGNING_KEY_PATH)) {
      throw new Error('AUDIT_CHECKPOINT_KEY_PATH must not be the document signing key (SIGNING_KEY_PATH)');
    }
    this.key = loadOrCreateCheckpointKey(this.config.AUDIT_CHECKPOINT_KEY_PATH);
    return this.key;
  }

  /** Signs the current heads (from the primary) and appends the checkpoint; nothing is written when no head moved. */
  async checkpoint(reason: CheckpointReason = 'SCHEDULE'): Promise<CheckpointResult> {
    const key = this.signingKey();
    const rows: { stream: number; seq: string; hash: string }[] = await this.ds.query('SELECT stream, seq, hash FROM audit_heads ORDER BY stream');
    const heads: CheckpointHead[] = rows.map((r) => [Number(r.stream), Number(r.seq), r.hash]);
    const result = { streams: heads.length, events: heads.reduce((n, h) => n + h[1], 0), keyId: key.keyId, location: this.store.location };
    const last = await this.lastTrusted(key);
    if (last && sameHeads(last, heads)) return { name: null, ...result };
    const now = this.clock.now();
    const name = checkpointName(now);
    await this.store.append(name, `${JSON.stringify(signCheckpoint(heads, now, reason, key))}\n`);
    this.logger.log({ name, ...result }, 'audit checkpoint written');
    return { name, ...result };
  }

  /**
   * Every checkpoint is checked against the key file, then the rows against every trusted
   * checkpoint's heads. The checkpoints are read before the snapshot the chains are walked in is
   * taken, so each anchored head was committed before that snapshot.
   */
  async verify(batch?: number): Promise<VerifyReport> {
    const key = this.signingKey();
    const problems: string[] = [];
    const anchors: Anchors = new Map();
    let trusted = 0;
    for (const name of await this.store.list()) {
      const checked = checkCheckpoint(await this.store.read(name), key);
      if ('problem' in checked) {
        problems.push(`checkpoint ${name}: ${checked.problem}`);
        continue;
      }
      trusted++;
      addAnchors(anchors, name, checked.heads, problems);
    }
    const report = await this.audit.verify(batch, { anchors });
    const all = [...problems, ...report.problems];
    return { ...report, ok: all.length === 0, problems: all, checkpoints: trusted };
  }

  private async lastTrusted(key: CheckpointKey): Promise<CheckpointHead[] | null> {
    const names = await this.store.list();
    for (let i = names.length - 1; i >= 0; i--) {
      const checked = checkCheckpoint(await this.store.read(names[i]), key);
      if ('heads' in checked) return checked.heads;
    }
    return null;
  }
}
