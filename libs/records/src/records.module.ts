import { Global, Module } from '@nestjs/common';
import { RecordsViewerService } from './access/records-viewer.service';
import { RetentionRulesService } from './schedule/retention-rules.service';
import { ImportScheduleUseCase } from './schedule/use-cases/import-schedule';
import { DossiersRepository } from './dossiers/dossiers.repository';
import { DossierViewBuilder } from './dossiers/dossier-view';
import { DossiersService } from './dossiers/dossiers.service';
import { FileRecordUseCase } from './dossiers/use-cases/file-record';
import { ReappraiseDossierUseCase } from './dossiers/use-cases/reappraise-dossier';
import { SweepService } from './sweep/sweep.service';
import { SweepRunsService } from './sweep/sweep-runs.service';
import { ProposalsRepository } from './proposals/proposals.repository';
import { ProposalsService } from './proposals/proposals.service';
import { DecideProposalUseCase } from './proposals/use-cases/decide-proposal';
import { ExecuteProposalUseCase } from './proposals/use-cases/execute-proposal';
import { RecordReceiptUseCase } from './proposals/use-cases/record-receipt';
import { RecordsDocumentsService } from './documents/records-documents.service';
import { HoldsService } from './holds/holds.service';
import { ReportsService } from './reports/reports.service';
import { ProposalNotices } from './worklist/proposal-notices';
import { RecordsQueuesQuery } from './worklist/records-queues';

export const RECORDS_PROVIDERS = [
  RecordsViewerService, RetentionRulesService, ImportScheduleUseCase, DossiersRepository, DossierViewBuilder, DossiersService, FileRecordUseCase,
  ReappraiseDossierUseCase, SweepService, SweepRunsService, ProposalsRepository, ProposalsService, DecideProposalUseCase, ExecuteProposalUseCase,
  RecordReceiptUseCase, RecordsDocumentsService, HoldsService, ReportsService, ProposalNotices, RecordsQueuesQuery,
];

/** Records and retention. Job handlers (SweepJob, DestructionJob, HandoverPackageJob, ApplyHoldJob) are registered by the worker. */
@Global()
@Module({ providers: RECORDS_PROVIDERS, exports: RECORDS_PROVIDERS })
export class RecordsModule {}
