import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { LETTER_ORIGIN, LETTER_STATUS, POSITION_KIND, RECIPIENT_GROUP, RECIPIENT_KIND, SECURITY_CLASS, URGENCY } from '../../common/dto/enums.view';
import { PositionHolder } from '../../organisation/dto/organisation.view';
import { ANY_JSON } from '../../common/dto/refs.view';
import { contentRef } from './letter-content.schemas';

/** An addressee (TO) or copy (CC): a position, an office (its head), or an external name. */
export class LetterRecipient implements C.RecipientInput {
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: C.RecipientInput['kind'];
  @ApiPropertyOptional() officeId?: number;
  @ApiPropertyOptional() positionId?: number;
  @ApiPropertyOptional() externalName?: string;
  @ApiPropertyOptional({ enum: RECIPIENT_GROUP, enumName: 'RecipientGroup', description: 'a group expanded at sending: every KPU Provinsi, every KPU Kab/Kota, or those of one province' })
  group?: C.RecipientGroup;
  @ApiPropertyOptional({ description: 'the province of KABKOTA_OF_PROVINCE' }) provinceOfficeId?: number;
  @ApiPropertyOptional({ description: 'a saved distribution list of the office, expanded at sending' }) distributionListId?: number;
}

/** What the letter prints for a recipient. */
export class LetterAddressee {
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: 'TO' | 'CC';
  @ApiProperty({ example: 'Ketua KPU Kabupaten/Kota se-Provinsi Nusa Tenggara Barat' }) label: string;
}

/** Where a letter's sending stands. */
export class LetterDeliveryState implements C.LetterDelivery {
  @ApiProperty({ enum: ['WAITING', 'DISPATCHED'], enumName: 'LetterSendingState' }) state: C.LetterDelivery['state'];
  @ApiProperty({ type: String, format: 'date-time' }) since: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'seconds waited so far (WAITING), null once dispatched' }) ageSeconds: number | null;
  @ApiProperty({ description: 'waiting longer than PIPELINE_LATE_SECONDS: the page says "Menunggu pengiriman sejak …"' }) late: boolean;
  @ApiProperty() lateAfterSeconds: number;
}

/** The fields a drafter writes (and a revision keeps). */
export class LetterFieldsView implements C.LetterFields {
  @ApiProperty({ example: 'SD' }) typeCode: string;
  @ApiProperty() subject: string;
  @ApiPropertyOptional({ type: String, nullable: true }) summary?: string | null;
  @ApiProperty({ description: "the body's plain text (derived from bodyDoc when the body was written as a document; what search reads)" }) body: string;
  @ApiProperty({ ...contentRef('BodyDoc'), description: 'the body as a document; for a letter stored as plain text, derived from it (paragraphs split on blank lines)' }) bodyDoc: C.BodyDoc;
  @ApiProperty({ ...contentRef('LetterTypeFields'), nullable: true, description: "the typed fields of the letter's type and the common ones; null when none" }) typeFields: C.LetterTypeFields | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: C.SecurityClass;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) urgency: C.Urgency;
  @ApiProperty({ example: 'PY.01.1' }) classificationCode: string;
  @ApiProperty({ type: () => LetterRecipient, isArray: true }) recipients: LetterRecipient[];
  @ApiProperty({ type: Number, isArray: true, description: 'the review chain, in order' }) reviewerPositionIds: number[];
  @ApiProperty() signerPositionId: number;
}

type ExternalModel = NonNullable<C.LetterView['external']>;
type ReviewModel = C.LetterView['reviews'][number];
type AttachmentModel = C.LetterView['attachments'][number];

/** Where a registered external letter came from. */
export class LetterExternal implements ExternalModel {
  @ApiProperty({ type: String, nullable: true }) sender: string | null;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the letter date as written (YYYY-MM-DD)' }) date: string | null;
}

/** One step of the review chain in one round. */
export class LetterReview implements ReviewModel {
  @ApiProperty() round: number;
  @ApiProperty() step: number;
  @ApiProperty() positionId: number;
  @ApiProperty({ example: 'APPROVED', description: 'PENDING, APPROVED or RETURNED' }) decision: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) actedByUserId: number | null;
}

export class LetterAttachment implements AttachmentModel {
  @ApiProperty() fileId: string;
  @ApiProperty() name: string;
  @ApiProperty() mime: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
}

/** A letter (naskah dinas) as its drafter, reviewers, signer and recipients see it. */
export class LetterView extends LetterFieldsView implements C.LetterReadView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: LETTER_ORIGIN, enumName: 'LetterOrigin' }) origin: C.LetterView['origin'];
  @ApiProperty() officeId: number;
  @ApiProperty({ type: Number, nullable: true, description: 'the konseptor; null for a viewer of another office (the letter speaks for its signer)' }) drafterUserId: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the konseptor\'s position; null for a viewer of another office' }) drafterPositionId: number | null;
  @ApiProperty({ enum: LETTER_STATUS, enumName: 'LetterStatus' }) status: C.LetterStatus;
  @ApiProperty() revision: number;
  @ApiProperty({ description: 'optimistic-lock version: send it back with a change' }) version: number;
  @ApiProperty({ type: Number, nullable: true, description: 'review rounds so far (a return starts the next); null for a viewer of another office' }) reviewRound: number | null;
  @ApiProperty({ type: Number, nullable: true }) currentStep: number | null;
  @ApiProperty({ type: String, nullable: true, example: '12/PY.01.1-SD/5204/2026' }) number: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'SENDIRI, PLT, PLH or AN' }) signedCapacity: string | null;
  @ApiProperty({ type: String, nullable: true }) signerName: string | null;
  @ApiProperty({ type: String, nullable: true }) signerTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) documentSha256: string | null;
  @ApiProperty({ type: String, nullable: true }) documentFileId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'token of the public verification link, once the PDF is rendered' }) verificationToken: string | null;
  @ApiProperty({ type: () => LetterAddressee, isArray: true, description: 'what the letter prints for each recipient, in order' }) addressees: LetterAddressee[];
  @ApiPropertyOptional({ type: () => LetterDeliveryState, nullable: true, description: 'where its sending stands (letter detail only); null before any sending' }) delivery?: LetterDeliveryState | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: () => LetterExternal, nullable: true }) external: LetterExternal | null;
  @ApiProperty({ type: () => LetterReview, isArray: true }) reviews: LetterReview[];
  @ApiProperty({ type: () => LetterAttachment, isArray: true }) attachments: LetterAttachment[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** A saved revision of the drafter's fields. */
export class LetterRevision {
  @ApiProperty() revision: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'user id of who saved it; null for a viewer of another office' }) createdBy: number | null;
  @ApiProperty({ type: () => LetterFieldsView }) snapshot: LetterFieldsView;
}

export class LetterFieldChange {
  @ApiProperty() field: string;
  @ApiProperty({ ...ANY_JSON }) before: unknown;
  @ApiProperty({ ...ANY_JSON }) after: unknown;
}

/** One paragraph, list item or table row added, removed or changed between two revisions' bodies. */
export class BodyBlockChangeView implements C.BodyBlockChange {
  @ApiProperty({ enum: ['ADDED', 'REMOVED', 'CHANGED'], enumName: 'BodyBlockChangeKind' }) change: C.BodyBlockChange['change'];
  @ApiProperty({ enum: ['paragraph', 'listItem', 'tableRow'], enumName: 'BodyUnitKind' }) kind: C.BodyUnitKind;
  @ApiProperty({ type: String, nullable: true, description: 'where it was in the older body (content[2].content[0]); null when added' }) beforePath: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'where it is in the newer body; null when removed' }) afterPath: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'its text before (a list item with its marker "1. …", a table row with its cells tab-separated)' }) before: string | null;
  @ApiProperty({ type: String, nullable: true }) after: string | null;
}

/** One typed field changed between two revisions, by path (events[0].date, assignees[2].nip). */
export class FieldPathChangeView implements C.FieldPathChange {
  @ApiProperty({ example: 'events[0].date' }) path: string;
  @ApiProperty({ ...ANY_JSON, description: 'null when the path was added' }) before: unknown;
  @ApiProperty({ ...ANY_JSON, description: 'null when the path was removed' }) after: unknown;
}

/** What changed between two revisions. */
export class LetterRevisionComparison {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: () => LetterFieldChange, isArray: true, description: 'field by field (body as plain text, typeFields whole; the body document is in bodyChanges)' }) changes: LetterFieldChange[];
  @ApiProperty({ type: () => BodyBlockChangeView, isArray: true, description: 'the body block by block, in reading order' }) bodyChanges: BodyBlockChangeView[];
  @ApiProperty({ type: () => FieldPathChangeView, isArray: true, description: 'the typed fields path by path' }) typeFieldChanges: FieldPathChangeView[];
}

/** A position a draft may name (reviewer, signer, a.n., u.b.), with who holds it today. */
export class EligiblePosition {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'Sekretaris' }) title: string;
  @ApiProperty({ enum: POSITION_KIND, enumName: 'PositionKind' }) kind: string;
  @ApiProperty({ type: () => PositionHolder, nullable: true, description: 'its longest-standing active user; null: vacant' }) holder: PositionHolder | null;
}

/** An a.n. position the chosen signer may sign for, with the u.b. positions allowed under it (nearest to the signer first). */
export class OnBehalfOfOption extends EligiblePosition {
  @ApiProperty({ type: () => EligiblePosition, isArray: true, description: 'u.b.: superiors of the signer below this a.n. position' }) through: EligiblePosition[];
}

/**
 * Whom a draft may name, by the rule save and submit apply (letter-participants.ts): only positions
 * of the drafting office, in the tree's order.
 */
export class EligibleParticipantsView {
  @ApiProperty({ description: 'the drafting office' }) officeId: number;
  @ApiProperty({ description: "the drafter's position (never a reviewer of its own draft)" }) drafterPositionId: number;
  @ApiProperty({ type: () => EligiblePosition, isArray: true, description: "pemeriksa: active positions of the drafting office except the drafter's" }) reviewers: EligiblePosition[];
  @ApiProperty({ type: () => EligiblePosition, isArray: true, description: 'penandatangan: active Ketua, Sekretaris Jenderal/Sekretaris, Kepala Biro and Kepala Bagian positions of the drafting office' }) signers: EligiblePosition[];
  @ApiProperty({ type: Number, nullable: true, description: 'the signer asked about (signerPositionId), null when none' }) signerPositionId: number | null;
  @ApiProperty({ type: () => OnBehalfOfOption, isArray: true, description: "a.n.: the signer's active superiors, nearest first, each with its u.b. options; empty without signerPositionId" }) onBehalfOf: OnBehalfOfOption[];
}
