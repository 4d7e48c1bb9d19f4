import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as R from '@naskah/records';
import type { SecurityClass } from '@naskah/correspondence';
import { DOSSIER_ITEM_KIND, DOSSIER_STATUS, FINAL_ACTION, PROPOSAL_KIND, PROPOSAL_STATUS, REAPPRAISAL_DECISION, RETENTION_TRIGGER, SECURITY_CLASS } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

type DossierDetailModel = Awaited<ReturnType<R.DossiersService['get']>>;
type DossierSummaryModel = Omit<R.DossierRow, 'sweepDue'>;
type RetentionModel = DossierDetailModel['retention'];
type ItemModel = DossierDetailModel['items'][number];
type RejectionModel = NonNullable<DossierDetailModel['rejection']>;
type RetroactiveModel = NonNullable<R.RetentionWhy['closedRetroactively']>;
type SuggestModel = Awaited<ReturnType<R.FileRecordUseCase['suggest']>>;
type FiledModel = Awaited<ReturnType<R.FileRecordUseCase['file']>>;
type ReappraisalModel = Awaited<ReturnType<R.ReappraiseDossierUseCase['run']>>;

/** A dossier (berkas) as listed: its fields and its stored retention dates. */
export class DossierSummary implements DossierSummaryModel {
  @ApiProperty() id: string;
  @ApiProperty() officeId: number;
  @ApiProperty() unitId: number;
  @ApiProperty() classificationCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, format: 'date' }) periodStart: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodEnd: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: SecurityClass;
  @ApiProperty({ enum: DOSSIER_STATUS, enumName: 'DossierStatus' }) status: R.DossierRow['status'];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the day the retention clock started' }) closedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it was closed on a past date (legacy records)' }) backdateReason: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) eventDate: string | null;
  @ApiProperty({ type: String, nullable: true }) eventNote: string | null;
  @ApiProperty() ruleId: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) triggerDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) activeUntil: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) inactiveUntil: string | null;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction', nullable: true }) finalAction: R.FinalAction | null;
  @ApiProperty({ type: Number, nullable: true }) retentionYears: number | null;
  @ApiProperty() extraYears: number;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction', nullable: true }) finalActionOverride: R.FinalAction | null;
  @ApiProperty() reappraisalNeeded: boolean;
  @ApiProperty({ type: String, nullable: true }) openProposalId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'a rejected proposal keeps the dossier out of the sweep until this day' }) notProposedBefore: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectedProposalId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rejectedAt: Date | null;
  @ApiProperty() holdCount: number;
  @ApiProperty() itemCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) transferredAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) destroyedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) handedOverAt: Date | null;
  @ApiProperty() version: number;
}

export class DossierPage {
  @ApiProperty({ type: () => DossierSummary, isArray: true }) items: DossierSummary[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'pass as `afterId` for the next page; null at the end' }) nextAfterId?: string | null;
}

export class RetroactiveClosing implements RetroactiveModel {
  @ApiProperty({ type: String, format: 'date' }) closedOn: string;
  @ApiProperty({ type: String, format: 'date' }) recordedOn: string;
  @ApiProperty() reason: string;
}

/** Why the dates are what they are: the rule version, its values, the trigger, and one sentence. */
export class RetentionWhy implements R.RetentionWhy {
  @ApiProperty() ruleId: number;
  @ApiProperty() scheduleVersion: number;
  @ApiProperty({ type: String, format: 'date' }) effectiveFrom: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty() activeYears: number;
  @ApiProperty() inactiveYears: number;
  @ApiProperty() extraYears: number;
  @ApiProperty({ enum: RETENTION_TRIGGER, enumName: 'RetentionTrigger' }) trigger: R.RetentionWhy['trigger'];
  @ApiProperty({ type: String, format: 'date', nullable: true }) triggerDate: string | null;
  @ApiProperty({ enum: ['RULE', 'REAPPRAISAL'] }) finalActionFrom: R.RetentionWhy['finalActionFrom'];
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty() isDemo: boolean;
  @ApiProperty({ enum: ['CLOSING', 'EVENT_DATE'], nullable: true, description: 'what the clock still waits for' }) waitingFor: R.RetentionWhy['waitingFor'];
  @ApiProperty({ type: () => RetroactiveClosing, nullable: true }) closedRetroactively: RetroactiveClosing | null;
  @ApiProperty({ description: 'one sentence in Bahasa Indonesia' }) text: string;
}

/** The computed dates; an open dossier shows the provisional schedule it would get if closed today. */
export class RetentionView implements RetentionModel {
  @ApiProperty({ type: String, format: 'date', nullable: true }) triggerDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) activeUntil: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) inactiveUntil: string | null;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction' }) finalAction: R.FinalAction;
  @ApiProperty() retentionYears: number;
  @ApiProperty({ type: () => RetentionWhy }) why: RetentionWhy;
  @ApiProperty() provisional: boolean;
}

/** A record filed in the dossier: an outgoing letter or a received delivery. */
export class DossierItemView implements ItemModel {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DOSSIER_ITEM_KIND, enumName: 'DossierItemKind' }) kind: ItemModel['kind'];
  @ApiProperty() letterId: string;
  @ApiProperty({ type: String, nullable: true }) deliveryId: string | null;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) date: Date | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: SecurityClass;
  @ApiProperty({ type: String, nullable: true }) classificationCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when the viewer may not read the content (R/SR, not involved)' }) subject: string | null;
  @ApiProperty() restricted: boolean;
  @ApiProperty() attachments: number;
  @ApiProperty({ description: 'dispositions the office made on a received letter' }) dispositions: number;
  @ApiProperty({ type: String, format: 'date-time' }) filedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) contentDestroyedAt: Date | null;
}

export class DossierHoldRef {
  @ApiProperty() id: number;
  @ApiProperty() caseName: string;
  @ApiProperty({ enum: ['APPLYING', 'IN_FORCE', 'LIFTED'], enumName: 'HoldStatus' }) status: string;
}

export class DossierProposalRef {
  @ApiProperty() id: string;
  @ApiProperty({ enum: PROPOSAL_KIND, enumName: 'ProposalKind' }) kind: string;
  @ApiProperty({ enum: PROPOSAL_STATUS, enumName: 'ProposalStatus' }) status: string;
}

/** A rejected proposal's mark on the dossier. */
export class DossierRejection implements RejectionModel {
  @ApiProperty() proposalId: string;
  @ApiProperty({ enum: PROPOSAL_KIND, enumName: 'ProposalKind', nullable: true }) kind: string | null;
  @ApiProperty({ type: String, format: 'date' }) rejectedOn: string;
  @ApiProperty({ type: String, format: 'date' }) notBefore: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'notBefore is still ahead' }) inForce: boolean;
  @ApiProperty() text: string;
}

export class DossierUnitRef {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** A dossier with its computed dates and why, its records, holds and open proposal. */
export class DossierView extends DossierSummary implements DossierDetailModel {
  @ApiProperty({ type: () => DossierUnitRef }) unit: DossierUnitRef;
  @ApiProperty({ type: String, nullable: true }) classificationTitle: string | null;
  @ApiProperty({ type: () => RetentionView }) retention: RetentionView;
  @ApiProperty({ type: () => DossierItemView, isArray: true }) items: DossierItemView[];
  @ApiProperty({ type: () => DossierHoldRef, isArray: true }) holds: DossierHoldRef[];
  @ApiProperty({ type: () => DossierProposalRef, nullable: true }) openProposal: DossierProposalRef | null;
  @ApiProperty({ type: () => DossierRejection, nullable: true }) rejection: DossierRejection | null;
}

export class SuggestedRecord {
  @ApiProperty({ enum: DOSSIER_ITEM_KIND, enumName: 'DossierItemKind' }) kind: ItemModel['kind'];
  @ApiProperty() letterId: string;
  @ApiProperty({ type: String, nullable: true }) deliveryId: string | null;
  @ApiProperty({ type: String, nullable: true }) classificationCode: string | null;
}

export class DossierSuggestion {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty() unitId: number;
  @ApiProperty({ type: String, format: 'date' }) periodStart: string;
  @ApiProperty({ description: 'why it fits, in words' }) reason: string;
}

/** Open dossiers a record would fit, best first (at most 5). */
export class DossierSuggestions {
  @ApiProperty({ type: () => SuggestedRecord, nullable: true }) record: SuggestedRecord | null;
  @ApiProperty({ type: () => DossierSuggestion, isArray: true }) suggestions: DossierSuggestion[];
}
type SuggestCheck = Conforms<SuggestModel, DossierSuggestions>;

export class FiledItem implements FiledModel {
  @ApiProperty() itemId: string;
  @ApiProperty() dossierId: string;
  @ApiProperty({ enum: DOSSIER_ITEM_KIND, enumName: 'DossierItemKind' }) kind: string;
  @ApiProperty() letterId: string;
}

/** The dossier's schedule before or after a re-appraisal. */
export class ReappraisalState {
  @ApiProperty() ruleId: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) activeUntil: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) inactiveUntil: string | null;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction', nullable: true }) finalAction: R.FinalAction | null;
  @ApiProperty() extraYears: number;
  @ApiProperty({ enum: DOSSIER_STATUS, enumName: 'DossierStatus' }) status: R.DossierRow['status'];
}

export class ReappraisalResult {
  @ApiProperty() reappraisalId: string;
  @ApiProperty() dossierId: string;
  @ApiProperty({ enum: REAPPRAISAL_DECISION, enumName: 'ReappraisalDecision' }) decision: ReappraisalModel['decision'];
  @ApiProperty({ type: () => ReappraisalState }) before: ReappraisalState;
  @ApiProperty({ type: () => ReappraisalState }) after: ReappraisalState;
  @ApiProperty({ type: () => RetentionWhy }) why: RetentionWhy;
}
type ReappraisalCheck = Conforms<ReappraisalModel, ReappraisalResult>;
