import { ApiProperty } from '@nestjs/swagger';
import type * as R from '@naskah/records';
import { APPROVAL_STEP, DOSSIER_STATUS, FINAL_ACTION, MINUTES_FORMAT, MINUTES_KIND, PROPOSAL_KIND, PROPOSAL_ORIGIN, PROPOSAL_STATUS, SECURITY_CLASS } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

type DetailModel = Awaited<ReturnType<R.ProposalsService['get']>>;
type SummaryModel = Awaited<ReturnType<R.ProposalsRepository['list']>>[number];
type DecisionModel = Awaited<ReturnType<R.DecideProposalUseCase['run']>>;
type ItemModel = DetailModel['items'][number];
type ApprovalModel = DetailModel['approvals'][number];
type Step = ApprovalModel['step'];

/** A proposal (usul pindah / musnah / serah / nilai kembali). */
export class ProposalView implements R.ProposalRow {
  @ApiProperty() id: string;
  @ApiProperty() officeId: number;
  @ApiProperty({ enum: PROPOSAL_KIND, enumName: 'ProposalKind' }) kind: R.ProposalKind;
  @ApiProperty({ enum: PROPOSAL_STATUS, enumName: 'ProposalStatus' }) status: R.ProposalStatus;
  @ApiProperty({ enum: PROPOSAL_ORIGIN, enumName: 'ProposalOrigin' }) origin: R.ProposalRow['origin'];
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) executedAt: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'what execution did (counts, location, manifest), free form' }) execution: unknown;
  @ApiProperty() version: number;
}

export class ProposalSummary extends ProposalView implements SummaryModel {
  @ApiProperty() itemCount: number;
}

export class ProposalList {
  @ApiProperty({ type: () => ProposalSummary, isArray: true }) items: ProposalSummary[];
}

/** A dossier on the proposal's list and its outcome. */
export class ProposalItemView implements ItemModel {
  @ApiProperty() dossierId: string;
  @ApiProperty({ description: 'PENDING, or what became of it (e.g. EXECUTED, REJECTED)' }) outcome: string;
  @ApiProperty({ description: 'outcome still PENDING' }) open: boolean;
  @ApiProperty() retentionYears: number;
  @ApiProperty() title: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, format: 'date' }) periodStart: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodEnd: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ enum: DOSSIER_STATUS, enumName: 'DossierStatus' }) status: string;
  @ApiProperty() holdCount: number;
  @ApiProperty() itemCount: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) activeUntil: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) inactiveUntil: string | null;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction', nullable: true }) finalAction: string | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: string;
}

/** One decided approval step. */
export class ApprovalView implements ApprovalModel {
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep' }) step: Step;
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) decision: string;
  @ApiProperty() userId: number;
  @ApiProperty() fullName: string;
  @ApiProperty() positionId: number;
  @ApiProperty() positionTitle: string;
  @ApiProperty({ description: 'SENDIRI, PLT or PLH' }) capacity: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
}

/** A stored document of the proposal: berita acara (PDF/XLSX), manifest (JSON), handover package (ZIP). */
export class ProposalDocumentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MINUTES_KIND, enumName: 'MinutesKind' }) kind: string;
  @ApiProperty({ enum: MINUTES_FORMAT, enumName: 'MinutesFormat' }) format: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() fileId: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** The archive's receipt of a handover. */
export class HandoverReceiptView {
  @ApiProperty() archiveName: string;
  @ApiProperty() receiptNumber: string;
  @ApiProperty({ type: String, format: 'date' }) receivedOn: string | null;
  @ApiProperty() receivedByName: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() packageSha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
}

/** A proposal with its list, its approval chain (required, decided, missing, next) and its documents. */
export class ProposalDetail extends ProposalView {
  @ApiProperty({ type: () => ProposalItemView, isArray: true }) items: ProposalItemView[];
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', isArray: true }) requiredSteps: Step[];
  @ApiProperty({ type: () => ApprovalView, isArray: true }) approvals: ApprovalView[];
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', isArray: true }) missingSteps: Step[];
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', nullable: true }) nextStep: Step | null;
  @ApiProperty({ type: () => ProposalDocumentView, isArray: true }) documents: ProposalDocumentView[];
  @ApiProperty({ type: () => HandoverReceiptView, nullable: true }) receipt: HandoverReceiptView | null;
}
type DetailCheck = Conforms<DetailModel, ProposalDetail>;

/** The proposal after a decision, with its approval chain. */
export class ProposalDecision extends ProposalView {
  @ApiProperty({ type: () => ApprovalView, isArray: true }) approvals: ApprovalView[];
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', isArray: true }) required: Step[];
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', isArray: true }) missing: Step[];
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', nullable: true }) next: Step | null;
}
type DecisionCheck = Conforms<DecisionModel, ProposalDecision>;
