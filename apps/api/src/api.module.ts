import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, CoreModule, loggerParams } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { QueueModule } from '@naskah/queue';
import { AuditModule } from '@naskah/audit';
import { StorageModule } from '@naskah/storage';
import { OrganisationModule } from '@naskah/organisation';
import { IdentityModule } from '@naskah/identity';
import { AuthGuard } from './auth/auth.guard';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { OrganisationController } from './organisation/organisation.controller';
import { AdminController } from './admin/admin.controller';

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
    TerminusModule.forRoot({ logger: false }),
  ],
  controllers: [HealthController, AuthController, OrganisationController, AdminController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class ApiModule {}
