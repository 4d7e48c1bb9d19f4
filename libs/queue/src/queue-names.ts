/**
 * Every queue and job in the system. A job name belongs to exactly one queue and must have exactly
 * one handler in the worker (checked at boot). Payloads carry ids, never snapshots.
 */
export enum QueueName {
  DISPATCH = 'dispatch',
  DOCUMENTS = 'documents',
  MAINTENANCE = 'maintenance',
}

export enum JobName {
  /** Create one delivery per target of a transmission (send, forward, return, registration). */
  DISPATCH_LETTER = 'dispatch-letter',
  /** Render a signed letter to PDF, hash it and sign (number, date, signer, hash). */
  RENDER_LETTER = 'render-letter',
  /** Re-verify the audit hash chain (daily scheduler and on demand). */
  AUDIT_VERIFY = 'audit-verify',
}

export interface JobPayloads {
  [JobName.DISPATCH_LETTER]: { transmissionId: string };
  [JobName.RENDER_LETTER]: { letterId: string };
  [JobName.AUDIT_VERIFY]: { requestedBy: number | null };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DISPATCH_LETTER]: QueueName.DISPATCH,
  [JobName.RENDER_LETTER]: QueueName.DOCUMENTS,
  [JobName.AUDIT_VERIFY]: QueueName.MAINTENANCE,
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
