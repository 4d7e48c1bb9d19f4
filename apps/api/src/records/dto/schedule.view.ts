import { ApiProperty } from '@nestjs/swagger';
import type * as R from '@naskah/records';
import { FINAL_ACTION, RETENTION_TRIGGER, SECURITY_CLASS } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

type RuleInForceModel = Awaited<ReturnType<R.RetentionRulesService['rulesInForce']>>[number];
type RuleHistoryModel = Awaited<ReturnType<R.RetentionRulesService['history']>>[number];

/** A version of the retention schedule (JRA) with its effective date. */
export class ScheduleVersionView implements R.ScheduleVersionView {
  @ApiProperty() id: number;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date' }) effectiveFrom: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'demo (CONTOH) values' }) isDemo: boolean;
  @ApiProperty({ type: Number, nullable: true }) importBatchId: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** A classification and the rule in force for it (null values: no rule, a heading). */
export class ScheduleRuleInForce implements RuleInForceModel {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) activeYears: number | null;
  @ApiProperty({ type: Number, nullable: true }) inactiveYears: number | null;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction', nullable: true }) finalAction: string | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass', nullable: true }) securityClass: string | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ enum: RETENTION_TRIGGER, enumName: 'RetentionTrigger', nullable: true }) trigger: RuleInForceModel['trigger'];
  @ApiProperty({ type: Number, nullable: true }) ruleId: number | null;
  @ApiProperty({ type: Number, nullable: true }) scheduleVersion: number | null;
  @ApiProperty() isDemo: boolean;
}

/** The schedule in force today. */
export class ScheduleCurrent {
  @ApiProperty({ description: 'demo (CONTOH) values are in force' }) demoSchedule: boolean;
  @ApiProperty({ type: String, format: 'date', description: 'today in Asia/Jakarta' }) today: string;
  @ApiProperty({ type: () => ScheduleVersionView, nullable: true }) version: ScheduleVersionView | null;
  @ApiProperty({ type: () => ScheduleRuleInForce, isArray: true }) items: ScheduleRuleInForce[];
}

/** One version of a classification's rule. */
export class RuleVersionView implements RuleHistoryModel {
  @ApiProperty() ruleId: number;
  @ApiProperty() scheduleVersion: number;
  @ApiProperty({ type: String, format: 'date' }) effectiveFrom: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty() activeYears: number;
  @ApiProperty() inactiveYears: number;
  @ApiProperty({ enum: RETENTION_TRIGGER, enumName: 'RetentionTrigger' }) trigger: RuleHistoryModel['trigger'];
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction' }) finalAction: R.FinalAction;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty() isDemo: boolean;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass', nullable: true }) securityClass: string | null;
}

/** A JRA imported as a new version, and what it means for existing dossiers. */
export class ImportScheduleResult implements R.ImportScheduleResult {
  @ApiProperty() batchId: number;
  @ApiProperty() scheduleId: number;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date' }) effectiveFrom: string;
  @ApiProperty() rows: number;
  @ApiProperty() rules: number;
  @ApiProperty() isDemo: boolean;
  @ApiProperty({ description: 'dossiers that keep their (longer) rule version; shortening needs a recorded re-appraisal' }) needReappraisal: number;
  @ApiProperty({ description: 'dossiers whose new rule would keep them longer' }) couldExtend: number;
  @ApiProperty({ description: 'earlier re-appraisal flags cleared' }) reappraisalCleared: number;
  @ApiProperty({ enum: [',', ';', '\t'], description: "the field separator found in the file's header" }) separator: string;
}
type CurrentCheck = Conforms<{ demoSchedule: boolean; today: string; version: R.ScheduleVersionView | null; items: RuleInForceModel[] }, ScheduleCurrent>;
