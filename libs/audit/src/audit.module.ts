import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@naskah/core';
import { AuditService } from './audit.service';
import { AuditCheckpointService } from './checkpoint/audit-checkpoint.service';
import { AUDIT_CHECKPOINT_STORE, DirectoryCheckpointStore } from './checkpoint/checkpoint-store';

@Global()
@Module({
  providers: [
    AuditService,
    AuditCheckpointService,
    { provide: AUDIT_CHECKPOINT_STORE, inject: [AppConfig], useFactory: (c: AppConfig) => new DirectoryCheckpointStore(c.AUDIT_CHECKPOINT_DIR) },
  ],
  exports: [AuditService, AuditCheckpointService, AUDIT_CHECKPOINT_STORE],
})
export class AuditModule {}
