import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { CoreModule } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { AuditCheckpointService, AuditModule } from '@naskah/audit';

@Module({ imports: [CoreModule, DatabaseModule, AuditModule] })
class VerifyModule {}

/**
 * `npm run audit:verify`: walks every audit chain and checks it against every signed checkpoint in
 * AUDIT_CHECKPOINT_DIR (key AUDIT_CHECKPOINT_KEY_PATH); exits 2 when an edited, deleted or
 * rewritten row, or a forged checkpoint, is found. `-- --checkpoint` then signs a new checkpoint.
 */
async function main() {
  const app = await NestFactory.createApplicationContext(VerifyModule, { logger: ['error'] });
  try {
    const checkpoints = app.get(AuditCheckpointService);
    const report = await checkpoints.verify();
    console.log(
      `${report.streams} rantai, ${report.checked} kejadian diperiksa, ${report.checkpoints} checkpoint bertanda tangan (kunci ${checkpoints.signingKey().keyId}): ` +
        (report.ok ? 'UTUH (chain intact)' : 'RUSAK (tampering detected)'),
    );
    for (const p of report.problems.slice(0, 100)) console.log(`  - ${p}`);
    if (report.ok && process.argv.includes('--checkpoint')) {
      const cp = await checkpoints.checkpoint('MANUAL');
      console.log(cp.name ? `checkpoint baru: ${cp.location}/${cp.name}` : 'tidak ada perubahan sejak checkpoint terakhir (no new checkpoint)');
    }
    process.exitCode = report.ok ? 0 : 2;
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(`verifikasi gagal: ${(err as Error).message}`);
  process.exit(1);
});
