import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, CoreModule, loggerParams } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { QueueModule, WorkerRuntimeModule } from '@naskah/queue';
import { AuditModule, AuditVerifyJob } from '@naskah/audit';
import { StorageModule, StorageOrphansJob } from '@naskah/storage';
import { OrganisationModule } from '@naskah/organisation';
import { IdentityModule } from '@naskah/identity';
import { CorrespondenceModule, DispatchJob, RenderLetterJob, StuckWorkRedriver } from '@naskah/correspondence';
import { NotificationModule, NotifyPositionsJob, PipelineWatch } from '@naskah/notification';
import { DispositionEscalationJob, DispositionModule, DispositionNotifyJob, DispositionReminderJob } from '@naskah/disposition';
import { Schedulers } from './schedulers';
import { ApplyHoldJob, DestructionJob, HandoverPackageJob, RecordsModule, SweepJob } from '@naskah/records';
import { RecordsSchedulers } from './records-schedulers';

/** The worker's composition root: every job handler, the schedulers and the outbox relay. */
@Module({
  imports: [
    CoreModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => loggerParams(c, 'worker') }),
    DatabaseModule,
    QueueModule,
    AuditModule,
    StorageModule,
    OrganisationModule,
    IdentityModule,
    CorrespondenceModule,
    NotificationModule,
    DispositionModule,
    RecordsModule,
    WorkerRuntimeModule,
  ],
  providers: [AuditVerifyJob, StorageOrphansJob, RenderLetterJob, DispatchJob, StuckWorkRedriver, Schedulers, NotifyPositionsJob, DispositionNotifyJob, DispositionReminderJob, DispositionEscalationJob, SweepJob, DestructionJob, HandoverPackageJob, ApplyHoldJob, RecordsSchedulers, PipelineWatch],
})
export class WorkerModule {}
