import { ApiProperty } from '@nestjs/swagger';
import type * as R from '@naskah/records';
import { SWEEP_SCOPE, SWEEP_TRIGGER } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

type RunModel = Awaited<ReturnType<R.SweepRunsService['get']>>;
type DashboardModel = Awaited<ReturnType<R.ReportsService['dashboard']>>;

/** A run of the retention sweep: an office's or national, scheduled or run now. */
export class SweepRunView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: SWEEP_TRIGGER, enumName: 'SweepTrigger' }) trigger: unknown;
  @ApiProperty({ enum: SWEEP_SCOPE, enumName: 'SweepScope' }) scope: R.SweepScope;
  @ApiProperty({ type: Number, nullable: true, description: 'null: national' }) officeId: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) asOf: string | null;
  @ApiProperty({ type: Number, nullable: true }) requestedBy: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: unknown;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: unknown;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: unknown;
  @ApiProperty() scanned: number;
  @ApiProperty() proposed: number;
  @ApiProperty() batches: number;
}
type RunCheck = Conforms<RunModel, SweepRunView>;

export class SweepRunList {
  @ApiProperty({ type: () => SweepRunView, isArray: true }) items: SweepRunView[];
}

export class DateRange {
  @ApiProperty({ type: String, format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date' }) to: string;
}

/** Dossiers by the kind of proposal they are due for. */
export class CountsByProposalKind {
  @ApiProperty() TRANSFER: number;
  @ApiProperty() DESTROY: number;
  @ApiProperty() HANDOVER: number;
  @ApiProperty() REVIEW: number;
}

export class OpenProposalCount {
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
  @ApiProperty() count: number;
}

/** The office's retention dashboard. */
export class RecordsDashboard {
  @ApiProperty() officeId: number;
  @ApiProperty({ type: String, format: 'date' }) today: string;
  @ApiProperty({ type: () => DateRange }) month: DateRange;
  @ApiProperty({ type: () => DateRange }) quarter: DateRange;
  @ApiProperty() demoSchedule: boolean;
  @ApiProperty({ type: Number, nullable: true }) scheduleVersion: number | null;
  @ApiProperty({ type: () => CountsByProposalKind }) dueThisMonth: CountsByProposalKind;
  @ApiProperty({ type: () => CountsByProposalKind }) dueThisQuarter: CountsByProposalKind;
  @ApiProperty({ type: () => CountsByProposalKind }) overdue: CountsByProposalKind;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'open dossiers by final action (NONE: not yet set)' }) byFinalAction: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'dossiers by status' }) byStatus: Record<string, number>;
  @ApiProperty() holdsInForce: number;
  @ApiProperty() heldDossiers: number;
  @ApiProperty({ type: () => OpenProposalCount, isArray: true }) openProposals: OpenProposalCount[];
  @ApiProperty() reappraisalNeeded: number;
}
type DashboardCheck = Conforms<Omit<DashboardModel, 'dueThisMonth' | 'dueThisQuarter' | 'overdue'>, Omit<RecordsDashboard, 'dueThisMonth' | 'dueThisQuarter' | 'overdue'>>;
