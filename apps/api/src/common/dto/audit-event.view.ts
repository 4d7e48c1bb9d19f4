import { ApiProperty } from '@nestjs/swagger';
import type { AuditEventView as AuditEventModel } from '@naskah/audit';
import { ANY_JSON } from './refs.view';

/** One event of an entity's history (riwayat), read from the hash-chained audit trail. */
export class AuditEventView implements AuditEventModel {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: Date;
  @ApiProperty({ type: Number, nullable: true }) actorUserId: number | null;
  @ApiProperty({ type: Number, nullable: true }) actorPositionId: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'SENDIRI, PLT, PLH, AN or SYSTEM' }) capacity: string | null;
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty({ example: 'LETTER_SIGNED' }) action: string;
  @ApiProperty({ example: 'letter' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ ...ANY_JSON, description: 'what changed, as recorded (free form)' }) before: unknown;
  @ApiProperty({ ...ANY_JSON, description: 'what changed, as recorded (free form)' }) after: unknown;
}
