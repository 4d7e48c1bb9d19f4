/**
 * In-app notifications. A notification names what happened and the ids to open; it carries no
 * letter content (the page fetches what the reader may see), only a short title.
 */
export type NotificationType =
  | 'LETTER_RECEIVED'
  | 'LETTER_UNREAD_REMINDER'
  | 'DRAFT_RETURNED'
  | 'DISPOSITION_NEW'
  | 'DISPOSITION_REMINDER'
  | 'DISPOSITION_DUE'
  | 'DISPOSITION_OVERDUE'
  | 'DISPOSITION_ESCALATION'
  | 'DISPOSITION_DONE'
  | 'DISPOSITION_PREPARED'
  | 'PIPELINE_LATE'

  /** A draft reached the reader's review step (paraf). */
  | 'REVIEW_REQUESTED'
  /** A draft is approved by every reviewer and waits for the reader's signature. */
  | 'SIGNATURE_REQUESTED'
  /** A signed letter's document is rendered: it can be sent (to the drafter and the office's registrars). */
  | 'READY_TO_SEND'
  /** A records proposal waits for the approval step the reader holds. */
  | 'PROPOSAL_APPROVAL_REQUESTED';

export interface NotificationPayload {
  title: string;
  [ref: string]: string | number | boolean | null;
}

/** One notification for one user. `dedupeKey` makes delivery idempotent: a replayed job sends nothing twice. */
export interface OutgoingNotification {
  userId: number;
  type: NotificationType;
  payload: NotificationPayload;
  dedupeKey: string;
}

export interface NotificationView {
  id: string;
  type: NotificationType;
  payload: NotificationPayload;
  createdAt: Date;
  readAt: Date | null;
}

/** What the realtime bus carries from the process that stored a notification to the API processes holding SSE streams. */
export interface NotificationEvent {
  userId: number;
  notification: NotificationView;
}

/**
 * A hint on the same bus that work queues changed (no counts, no content): for whoever acts for
 * these positions, and, when `officeId` is set, for the office's registrars and archivists (whose
 * queues are office-wide). An open stream passes it on as `event: worklist-changed`.
 */
export interface WorklistHint {
  worklist: { positionIds: number[]; officeId?: number | null };
}
