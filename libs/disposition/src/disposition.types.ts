import type { IsoDate } from './calendar/working-days';
import type { Rollup } from './rules/rollup';
import type { DispositionStatus, Priority } from './rules/disposition-rules';

/** What issuing (or re-disposing, or preparing) a disposition takes. */
export interface DispositionInput {
  recipientPositionIds: number[];
  instructionCodes: string[];
  note?: string | null;
  priority?: Priority;
  /** a date (YYYY-MM-DD, Jakarta) … */
  deadline?: string | null;
  /** … or N working days from today on the holiday calendar */
  workingDays?: number | null;
}

export interface PositionLabel {
  id: number;
  title: string;
}

export interface DispositionView {
  id: string;
  parentId: string | null;
  depth: number;
  deliveryId: string;
  letter: { id: string; number: string | null; subject: string; securityClass: string };
  officeId: number;
  author: PositionLabel & { userId: number; userName: string; capacity: 'SENDIRI' | 'PLT' | 'PLH' };
  recipient: PositionLabel;
  instructions: { code: string; label: string }[];
  note: string | null;
  priority: Priority;
  deadline: IsoDate | null;
  /**
   * Set when the deadline falls on a day that is not a working day (a Saturday, Sunday, national
   * holiday or cuti bersama): the date stands as given, and this says so for the UI to show
   * (issue 11, item 15). Working-day deadlines (`workingDays`) never fall on such a day.
   */
  deadlineWarning?: { code: 'DEADLINE_NOT_WORKING_DAY'; message: string; nextWorkingDay: IsoDate } | null;
  deadlineVersion: number;
  overdue: boolean;
  status: DispositionStatus;
  preparedId: string | null;
  replyLetterId: string | null;
  readAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  version: number;
  createdAt: Date;
}

export interface FollowUpView {
  id: string;
  dispositionId: string;
  author: PositionLabel & { userId: number; userName: string; capacity: string };
  body: string;
  attachmentFileIds: string[];
  replyLetterId: string | null;
  createdAt: Date;
}

export interface DispositionDetail extends DispositionView {
  /** what the caller may do with it */
  mine: { asRecipient: boolean; asAuthor: boolean };
  followUps: FollowUpView[];
  children: DispositionView[];
  rollup: Rollup;
}

export interface DispositionTreeNode extends DispositionView {
  children: DispositionTreeNode[];
}
