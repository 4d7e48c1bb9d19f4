import { ApiProperty } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { COUNTER_DIMENSION, OFFICE_LEVEL, ROUTING_MODE, ROUTING_RELATION, TEMPLATE_SOURCE } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

type ChangedByModel = NonNullable<C.RoutingPolicyVersionView['changedBy']>;
type ModeModel = C.RoutingPolicyView['modes'][number];
type ChangeModel = Awaited<ReturnType<C.RoutingPolicyService['change']>>;
type EffectiveModel = Awaited<ReturnType<C.NumberTemplatesService['effective']>>;
type SetModel = Awaited<ReturnType<C.NumberTemplatesService['set']>>;

export class RoutingPolicyChangedBy implements ChangedByModel {
  @ApiProperty() userId: number;
  @ApiProperty({ type: String, nullable: true }) fullName: string | null;
}

/** A version of the routing policy: in force from its commit (null: the built-in policy, version 0). */
export class RoutingPolicyVersionView implements C.RoutingPolicyVersionView {
  @ApiProperty({ description: '0: the built-in policy (DESIGN §3), never changed' }) id: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) effectiveFrom: Date | null;
  @ApiProperty() reason: string;
  @ApiProperty({ type: () => RoutingPolicyChangedBy, nullable: true, description: 'null: the built-in policy' }) changedBy: RoutingPolicyChangedBy | null;
}

/** One cell of the matrix, as PUT takes it back. */
export class RoutingRuleView implements C.RoutingRule {
  @ApiProperty({ enum: OFFICE_LEVEL, enumName: 'OfficeLevel' }) fromLevel: C.OfficeLevel;
  @ApiProperty({ enum: ROUTING_RELATION, enumName: 'RoutingRelation' }) relation: C.Relation;
  @ApiProperty({ enum: ROUTING_MODE, enumName: 'RoutingMode' }) mode: C.RoutingMode;
}

/** One cell with its labels and the modes the law allows there. */
export class PolicyCellView implements C.PolicyCellView {
  @ApiProperty({ enum: ROUTING_RELATION, enumName: 'RoutingRelation' }) relation: C.Relation;
  @ApiProperty({ example: 'Ke KPU RI' }) relationLabel: string;
  @ApiProperty({ enum: ROUTING_MODE, enumName: 'RoutingMode' }) mode: C.RoutingMode;
  @ApiProperty({ example: 'Langsung ke tujuan' }) modeLabel: string;
  @ApiProperty({ enum: ROUTING_MODE, enumName: 'RoutingMode', isArray: true, description: 'modes a policy may put in this cell' }) allowedModes: C.RoutingMode[];
}

/** A row of the matrix: the cells of one sender level. */
export class PolicyRowView implements C.PolicyRowView {
  @ApiProperty({ enum: OFFICE_LEVEL, enumName: 'OfficeLevel' }) fromLevel: C.OfficeLevel;
  @ApiProperty({ example: 'Dari KPU Kabupaten/Kota' }) fromLabel: string;
  @ApiProperty({ type: () => PolicyCellView, isArray: true }) cells: PolicyCellView[];
}

export class RoutingModeLabel implements ModeModel {
  @ApiProperty({ enum: ROUTING_MODE, enumName: 'RoutingMode' }) mode: C.RoutingMode;
  @ApiProperty() label: string;
}

/** The routing policy of a version: its cells (as PUT takes them), the labelled matrix and the modes. */
export class RoutingPolicyView implements C.RoutingPolicyView {
  @ApiProperty({ type: () => RoutingPolicyVersionView }) version: RoutingPolicyVersionView;
  @ApiProperty({ type: () => RoutingRuleView, isArray: true, description: 'the cells as PUT takes them back (SAME_OFFICE is implied and not listed)' }) rules: RoutingRuleView[];
  @ApiProperty({ type: () => PolicyRowView, isArray: true, description: 'the same cells with labels, rows by sender level' }) matrix: PolicyRowView[];
  @ApiProperty({ type: () => RoutingModeLabel, isArray: true }) modes: RoutingModeLabel[];
}
// the service types `modes[].mode` as string; it is always one of ROUTING_MODES
type PolicyCheck = Conforms<Omit<C.RoutingPolicyView, 'modes'>, Omit<RoutingPolicyView, 'modes'>>;

/** The policy in force after a PUT; `changed: false` when the matrix was the same (nothing written). */
export class RoutingPolicyChangeResult extends RoutingPolicyView implements ChangeModel {
  @ApiProperty() changed: boolean;
}
type ChangeCheck = Conforms<Omit<ChangeModel, 'modes'>, Omit<RoutingPolicyChangeResult, 'modes'>>;

/** A number template row: office + type, office, type or national default. */
export class NumberTemplateView implements C.NumberTemplateView {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: for every office' }) officeId: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'null: for every letter type' }) typeCode: string | null;
  @ApiProperty({ enum: TEMPLATE_SOURCE, enumName: 'NumberTemplateSource' }) source: C.TemplateSource;
  @ApiProperty({ example: 'templat bawaan nasional' }) sourceLabel: string;
  @ApiProperty({ example: '{seq}/{classification}-{type}/{region}/{year}' }) template: string;
  @ApiProperty({ enum: COUNTER_DIMENSION, enumName: 'CounterDimension', isArray: true }) counterScope: C.CounterDimension[];
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) updatedByUserId: number | null;
}
type TemplateCheck = Conforms<C.NumberTemplateView, NumberTemplateView>;

/** The next number a template would give (not taken). */
export class NumberPreview implements C.NumberPreview {
  @ApiProperty() officeId: number;
  @ApiProperty() officeCode: string;
  @ApiProperty() typeCode: string;
  @ApiProperty({ type: String, nullable: true, description: 'the classification the preview was rendered with' }) classification: string | null;
  @ApiProperty({ description: 'true: no classification was given, a sample from the list was used' }) classificationIsSample: boolean;
  @ApiProperty({ enum: COUNTER_DIMENSION, enumName: 'CounterDimension', isArray: true }) counterScope: C.CounterDimension[];
  @ApiProperty({ example: 'satker + jenis naskah + tahun' }) counterScopeLabel: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the scope needs a value the preview was not given (unitId)' }) counterKey: string | null;
  @ApiProperty({ description: 'the counter now (0: not started)' }) counterValue: number;
  @ApiProperty({ type: Number, nullable: true }) nextSeq: number | null;
  @ApiProperty({ type: String, nullable: true }) nextNumber: string | null;
  @ApiProperty({ description: 'numbers of this shape already issued that the counter will pass over' }) skipsIssued: number;
  @ApiProperty() note: string;
}
type PreviewCheck = Conforms<C.NumberPreview, NumberPreview>;

/** The template an office uses for a letter type, the rows it was chosen from (most specific first) and its next number. */
export class EffectiveNumberTemplate implements EffectiveModel {
  @ApiProperty({ type: () => NumberTemplateView }) effective: NumberTemplateView;
  @ApiProperty({ type: () => NumberTemplateView, isArray: true, description: 'most specific first; the first is `effective`' }) candidates: NumberTemplateView[];
  @ApiProperty({ type: () => NumberPreview }) preview: NumberPreview;
}
type EffectiveCheck = Conforms<EffectiveModel, EffectiveNumberTemplate>;

/** The row as set, whether it changed, and its next number (at KPU RI and SD for a default row). */
export class NumberTemplateChangeResult implements SetModel {
  @ApiProperty({ type: () => NumberTemplateView }) template: NumberTemplateView;
  @ApiProperty({ description: 'false: the row already said this (nothing written)' }) changed: boolean;
  @ApiProperty({ type: () => NumberPreview }) preview: NumberPreview;
}
type SetCheck = Conforms<SetModel, NumberTemplateChangeResult>;
