import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { CoreModule } from '@naskah/core';
import { DatabaseModule } from '@naskah/db';
import { AuditModule, AuditService } from '@naskah/audit';

@Module({ imports: [CoreModule, DatabaseModule, AuditModule] })
class VerifyModule {}

/** `npm run audit:verify`: walks every audit chain; exits 2 when an edited or deleted row is found. */
async function main() {
  const app = await NestFactory.createApplicationContext(VerifyModule, { logger: ['error'] });
  try {
    const report = await app.get(AuditService).verify();
    console.log(`${report.streams} rantai, ${report.checked} kejadian diperiksa: ${report.ok ? 'UTUH (chain intact)' : 'RUSAK (tampering detected)'}`);
    for (const p of report.problems.slice(0, 100)) console.log(`  - ${p}`);
    process.exitCode = report.ok ? 0 : 2;
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(`verifikasi gagal: ${(err as Error).message}`);
  process.exit(1);
});
