/**
 * Every queue and job in the system. A job name belongs to exactly one queue and must have exactly
 * one handler in the worker (checked at boot). Payloads carry ids, never snapshots.
 */
export enum QueueName {
  DISPATCH = 'dispatch',
  DOCUMENTS = 'documents',
  MAINTENANCE = 'maintenance',
  DISPOSITION = 'disposition',
  NOTIFICATIONS = 'notifications',
  RECORDS = 'records',
}

export enum JobName {
  /** Create one delivery per target of a transmission (send, forward, return, registration). */
  DISPATCH_LETTER = 'dispatch-letter',
  /** Render a signed letter to PDF, hash it and sign (number, date, signer, hash). */
  RENDER_LETTER = 'render-letter',
  /** Re-verify the audit hash chain (daily scheduler and on demand). */
  AUDIT_VERIFY = 'audit-verify',
  /** Sign the audit chain heads and append the checkpoint outside the database (every 10 minutes, and after the daily verify). */
  AUDIT_CHECKPOINT = 'audit-checkpoint',
  /** Delete relayed outbox rows past OUTBOX_RETENTION_DAYS, in bounded batches (hourly scheduler). */
  OUTBOX_PURGE = 'outbox-purge',
  /** Remove stored bytes no file record owns (left by a rolled-back upload), hourly. */
  STORAGE_ORPHANS = 'storage-orphans',
  /** Announce a disposition change (issued, completed, prepared) to whoever acts for the positions concerned. */
  DISPOSITION_NOTIFY = 'disposition-notify',
  /** Remind the recipient of a disposition the working day before and on its deadline (delayed; id carries the deadline version). */
  DISPOSITION_REMINDER = 'disposition-reminder',
  /** When a disposition is overdue: tell the recipient, escalate to the author and the author's superior (delayed). */
  DISPOSITION_ESCALATION = 'disposition-escalation',
  /** Notify whoever acts for some positions (new letter in an inbox, a returned draft…), once per user. */
  NOTIFY_POSITIONS = 'notify-positions',
  /** The retention sweep: propose transfer, destruction, handover and re-appraisal of due dossiers (daily scheduler and "run now"). */
  RECORDS_SWEEP = 'records-sweep',
  /** Execute an approved destruction: re-check holds per batch, destroy content, keep tombstones, berita acara + manifest. */
  RECORDS_DESTROY = 'records-destroy',
  /** Build the handover package (metadata JSON + CSV, files, SHA-256 manifest, berita acara) of an approved handover. */
  RECORDS_HANDOVER_PACKAGE = 'records-handover-package',
  /** Apply a hold to every dossier in its scope, in batches. */
  RECORDS_APPLY_HOLD = 'records-apply-hold',
}

export interface JobPayloads {
  [JobName.DISPATCH_LETTER]: { transmissionId: string };
  [JobName.RENDER_LETTER]: { letterId: string };
  [JobName.AUDIT_VERIFY]: { requestedBy: number | null };
  [JobName.AUDIT_CHECKPOINT]: { reason?: 'SCHEDULE' | 'MANUAL' };
  [JobName.OUTBOX_PURGE]: Record<string, never>;
  [JobName.STORAGE_ORPHANS]: Record<string, never>;
  [JobName.DISPOSITION_NOTIFY]: { event: 'ISSUED' | 'COMPLETED' | 'PREPARED'; id: string };
  [JobName.DISPOSITION_REMINDER]: { dispositionId: string; kind: 'BEFORE' | 'DUE'; deadlineVersion: number };
  [JobName.DISPOSITION_ESCALATION]: { dispositionId: string; deadlineVersion: number };
  [JobName.NOTIFY_POSITIONS]: { positionIds: number[]; type: string; ref: Record<string, string | boolean>; key: string };
  [JobName.RECORDS_SWEEP]: { runId: string | null; requestedBy: number | null };
  [JobName.RECORDS_DESTROY]: { proposalId: string };
  [JobName.RECORDS_HANDOVER_PACKAGE]: { proposalId: string };
  [JobName.RECORDS_APPLY_HOLD]: { holdId: number };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DISPATCH_LETTER]: QueueName.DISPATCH,
  [JobName.RENDER_LETTER]: QueueName.DOCUMENTS,
  [JobName.AUDIT_VERIFY]: QueueName.MAINTENANCE,
  [JobName.AUDIT_CHECKPOINT]: QueueName.MAINTENANCE,
  [JobName.OUTBOX_PURGE]: QueueName.MAINTENANCE,
  [JobName.STORAGE_ORPHANS]: QueueName.MAINTENANCE,
  [JobName.DISPOSITION_NOTIFY]: QueueName.DISPOSITION,
  [JobName.DISPOSITION_REMINDER]: QueueName.DISPOSITION,
  [JobName.DISPOSITION_ESCALATION]: QueueName.DISPOSITION,
  [JobName.NOTIFY_POSITIONS]: QueueName.NOTIFICATIONS,
  [JobName.RECORDS_SWEEP]: QueueName.RECORDS,
  [JobName.RECORDS_DESTROY]: QueueName.RECORDS,
  [JobName.RECORDS_HANDOVER_PACKAGE]: QueueName.RECORDS,
  [JobName.RECORDS_APPLY_HOLD]: QueueName.RECORDS,
};

/** Central defaults: retries with exponential backoff, bounded retention (ids kept a week so a replayed add is deduplicated). */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** BullMQ forbids ':' in custom ids; ids are `<job-name>_<key>`. */
export function jobIdFor(name: JobName, key: string): string {
  const id = `${name}_${key}`;
  if (id.includes(':')) throw new Error(`job id may not contain ':' (${id})`);
  return id;
}
