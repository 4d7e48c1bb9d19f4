import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as D from '@naskah/disposition';
import type { SecurityClass } from '@naskah/correspondence';
import { ACTING_CAPACITY, DISPOSITION_STATUS, SECURITY_CLASS, URGENCY } from '../../common/dto/enums.view';
import { PositionRef } from '../../common/dto/refs.view';

type DView = D.DispositionView;
type AuthorModel = DView['author'];
type DeadlineWarningModel = NonNullable<DView['deadlineWarning']>;
type LetterRefModel = DView['letter'];

/** The received letter a disposition is about. */
export class DispositionLetterRef implements LetterRefModel {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: SecurityClass;
}

/** Who gave the disposition: the position, the person, and in what capacity (own position, Plt or Plh). */
export class DispositionAuthor implements AuthorModel {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() userId: number;
  @ApiProperty() userName: string;
  @ApiProperty({ enum: ACTING_CAPACITY, enumName: 'ActingCapacity' }) capacity: DView['author']['capacity'];
}

export class DispositionInstructionRef {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
}

/** A deadline set on a day that is not a working day: kept as given, with the next working day. */
export class DeadlineWarning implements DeadlineWarningModel {
  @ApiProperty({ enum: ['DEADLINE_NOT_WORKING_DAY'] }) code: 'DEADLINE_NOT_WORKING_DAY';
  @ApiProperty() message: string;
  @ApiProperty({ type: String, format: 'date' }) nextWorkingDay: string;
}

/** A disposition: an instruction from a received letter's recipient down the reporting tree. */
export class DispositionView implements DView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty() deliveryId: string;
  @ApiProperty({ type: () => DispositionLetterRef }) letter: DispositionLetterRef;
  @ApiProperty() officeId: number;
  @ApiProperty({ type: () => DispositionAuthor }) author: DispositionAuthor;
  @ApiProperty({ type: () => PositionRef }) recipient: PositionRef;
  @ApiProperty({ type: () => DispositionInstructionRef, isArray: true }) instructions: DispositionInstructionRef[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) priority: DView['priority'];
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiPropertyOptional({ type: () => DeadlineWarning, nullable: true }) deadlineWarning?: DeadlineWarning | null;
  @ApiProperty() deadlineVersion: number;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ enum: DISPOSITION_STATUS, enumName: 'DispositionStatus' }) status: D.DispositionStatus;
  @ApiProperty({ type: String, nullable: true }) preparedId: string | null;
  @ApiProperty({ type: String, nullable: true }) replyLetterId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: Date | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class DispositionPage implements D.DispositionPage {
  @ApiProperty({ type: () => DispositionView, isArray: true }) items: DispositionView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() hasMore: boolean;
}

export class OverdueDispositionPage extends DispositionPage {
  @ApiProperty({ type: String, format: 'date-time' }) asOf: Date;
}

type FollowUpAuthorModel = D.FollowUpView['author'];

export class FollowUpAuthor implements FollowUpAuthorModel {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() userId: number;
  @ApiProperty() userName: string;
  @ApiProperty({ description: 'SENDIRI, PLT or PLH' }) capacity: string;
}

/** A follow-up report (laporan tindak lanjut). */
export class FollowUpView implements D.FollowUpView {
  @ApiProperty() id: string;
  @ApiProperty() dispositionId: string;
  @ApiProperty({ type: () => FollowUpAuthor }) author: FollowUpAuthor;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, isArray: true }) attachmentFileIds: string[];
  @ApiProperty({ type: String, nullable: true }) replyLetterId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** Counts by status of the subtree below a disposition. */
export class DispositionCountsByStatus implements Record<D.DispositionStatus, number> {
  @ApiProperty() UNREAD: number;
  @ApiProperty() READ: number;
  @ApiProperty() IN_PROGRESS: number;
  @ApiProperty() DONE: number;
  @ApiProperty() CANCELLED: number;
}

/** The roll-up of a subtree: how much of what was delegated is done, open or late. */
export class Rollup implements D.Rollup {
  @ApiProperty({ description: 'nodes below the root' }) total: number;
  @ApiProperty({ type: () => DispositionCountsByStatus }) byStatus: DispositionCountsByStatus;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: 'DONE ÷ (total − CANCELLED), percent; 100 when nothing is left to do' }) percentDone: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) latestOpenDeadline: string | null;
  @ApiProperty({ description: 'depth of the deepest level below the root' }) levels: number;
}

export class DispositionRollup extends Rollup {
  @ApiProperty() dispositionId: string;
}

/** What the caller may do with it. */
export class DispositionMine {
  @ApiProperty() asRecipient: boolean;
  @ApiProperty() asAuthor: boolean;
}

export class DispositionDetail extends DispositionView implements D.DispositionDetail {
  @ApiProperty({ type: () => DispositionMine }) mine: DispositionMine;
  @ApiProperty({ type: () => FollowUpView, isArray: true }) followUps: FollowUpView[];
  @ApiProperty({ type: () => DispositionView, isArray: true }) children: DispositionView[];
  @ApiProperty({ type: () => Rollup }) rollup: Rollup;
}

export class DispositionTreeNode extends DispositionView implements D.DispositionTreeNode {
  @ApiProperty({ type: () => DispositionTreeNode, isArray: true }) children: DispositionTreeNode[];
}

/** A letter's dispositions in the caller's office, as trees. */
export class LetterDispositionTree {
  @ApiProperty() letterId: string;
  @ApiProperty({ type: () => DispositionTreeNode, isArray: true }) roots: DispositionTreeNode[];
}

export class ReplyLetterDrafted {
  @ApiProperty() dispositionId: string;
  @ApiProperty() replyLetterId: string;
}
