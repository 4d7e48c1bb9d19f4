import { ApiProperty } from '@nestjs/swagger';
import type * as R from '@naskah/records';
import { DOSSIER_STATUS, HOLD_STATUS } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

type HoldModel = Awaited<ReturnType<R.HoldsService['get']>>;
type PreviewModel = Awaited<ReturnType<R.HoldsService['preview']>>;

/** What a hold covers: a classification (and below), a unit, a period, and/or listed dossiers. */
export class HoldScopeView {
  @ApiProperty({ type: String, nullable: true }) classificationCode: string | null;
  @ApiProperty({ type: Number, nullable: true }) unitId: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
  @ApiProperty({ description: 'the hold lists dossiers by id' }) listedDossiers: boolean;
}

/** A hold (legal / audit freeze) as listed. */
export class HoldSummary {
  @ApiProperty() id: string;
  @ApiProperty() officeId: number;
  @ApiProperty() caseName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: HOLD_STATUS, enumName: 'HoldStatus' }) status: string;
  @ApiProperty({ type: () => HoldScopeView }) scope: HoldScopeView;
  @ApiProperty() createdBy: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the apply job finished' }) appliedAt: Date | null;
  @ApiProperty() appliedCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) liftedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) liftedBy: number | null;
  @ApiProperty({ type: String, nullable: true }) liftReason: string | null;
}

/** A hold with the number of dossiers it has been applied to so far. */
export class HoldView extends HoldSummary {
  @ApiProperty() assignedDossiers: number;
}
// scope: HoldScope's fields are optional in the type, but scopeOf() always sets each (null when unused)
type HoldCheck = Conforms<Omit<HoldModel, 'scope'>, Omit<HoldView, 'scope'>>;

export class HoldList {
  @ApiProperty({ type: () => HoldSummary, isArray: true }) items: HoldSummary[];
}

export class HoldPreviewDossier {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty({ enum: DOSSIER_STATUS, enumName: 'DossierStatus' }) status: string;
  @ApiProperty({ type: String, format: 'date' }) periodStart: string | null;
}

/** What a scope would freeze: how many open dossiers (of them inactive), and the first 50. */
export class HoldPreview {
  @ApiProperty() officeId: number;
  @ApiProperty() count: number;
  @ApiProperty() inactive: number;
  @ApiProperty({ type: () => HoldPreviewDossier, isArray: true }) sample: HoldPreviewDossier[];
}
type PreviewCheck = Conforms<PreviewModel, HoldPreview>;
