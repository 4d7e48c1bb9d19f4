import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, CoreModule, loggerParams } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { QueueModule } from '@naskah/queue';
import { AuditModule } from '@naskah/audit';
import { StorageModule } from '@naskah/storage';
import { OrganisationModule } from '@naskah/organisation';
import { IdentityModule } from '@naskah/identity';
import { CorrespondenceModule } from '@naskah/correspondence';
import { NotificationModule } from '@naskah/notification';
import { DispositionModule } from '@naskah/disposition';
import { RecordsModule } from '@naskah/records';
import { WorklistModule } from '@naskah/worklist';
import { AuthGuard } from './auth/auth.guard';
import { AuthController } from './auth/auth.controller';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrganisationController } from './organisation/organisation.controller';
import { AdminController } from './admin/admin.controller';
import { PolicyAdminController } from './admin/policy-admin.controller';
import { LettersController } from './correspondence/letters.controller';
import { MasterController } from './correspondence/master.controller';
import { VerifyController } from './correspondence/verify.controller';
import { SendController } from './correspondence/send.controller';
import { InboxController } from './correspondence/inbox.controller';
import { DeliveriesController } from './correspondence/deliveries.controller';
import { OutboxController } from './correspondence/outbox.controller';
import { IncomingController } from './correspondence/incoming.controller';
import { DistributionListsController } from './correspondence/distribution-lists.controller';
import { TrackingController } from './correspondence/tracking.controller';
import { SearchController } from './correspondence/search.controller';
import { AgendaController } from './correspondence/agenda.controller';
import { DispositionsController } from './disposition/dispositions.controller';
import { LetterDispositionsController } from './disposition/letter-dispositions.controller';
import { PreparedDispositionsController } from './disposition/prepared-dispositions.controller';
import { DispositionCalendarController } from './disposition/disposition-calendar.controller';
import { NotificationsController } from './notification/notifications.controller';
import { ScheduleController } from './records/schedule.controller';
import { DossiersController } from './records/dossiers.controller';
import { ProposalsController } from './records/proposals.controller';
import { HoldsController } from './records/holds.controller';
import { RecordsOpsController } from './records/records-ops.controller';
import { WorklistController } from './worklist/worklist.controller';
import { MarksReadInterceptor } from './notification/marks-read';
import { MarksWritesInterceptor, RedisRecentWrites } from './common/recent-writes';

/** The API's composition root: infrastructure, domain libraries, controllers. */
@Module({
  imports: [
    CoreModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => loggerParams(c, 'api') }),
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
    HealthModule,
    MetricsModule,
    WorklistModule,
  ],
  controllers: [AuthController, OrganisationController, AdminController, PolicyAdminController, MasterController, SendController, LettersController, VerifyController, InboxController, DeliveriesController, OutboxController, IncomingController,
    DispositionsController, LetterDispositionsController, PreparedDispositionsController, DispositionCalendarController, NotificationsController,
    ScheduleController, DossiersController, ProposalsController, HoldsController, RecordsOpsController,
    DistributionListsController, TrackingController, WorklistController, SearchController, AgendaController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: MarksReadInterceptor }, { provide: APP_INTERCEPTOR, useClass: MarksWritesInterceptor }, RedisRecentWrites],
})
export class ApiModule {}
