import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Q from '@naskah/queue';
import { PIPELINE_VERDICT, QUEUE_NAME } from '../common/dto/enums.view';
import type { Conforms } from '../common/dto/refs.view';

export class OutboxBacklogDto implements Q.OutboxBacklog {
  @ApiProperty({ description: 'baris outbox yang belum diteruskan ke Redis (dihitung sampai 100000)' })
  unrelayed: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'kapan baris tertua yang belum diteruskan ditulis' })
  oldestSince: Date | null;

  @ApiProperty({ type: Number, nullable: true, description: 'umur baris tertua itu (detik, jam database)' })
  oldestAgeSeconds: number | null;

  @ApiProperty({ description: 'umur tertua > lateAfterSeconds' })
  late: boolean;

  @ApiPropertyOptional({ description: 'database tidak dapat dibaca: pesannya' })
  error?: string;
}

export class QueueBacklogDto implements Q.QueueBacklog {
  @ApiProperty({ enum: QUEUE_NAME, enumName: 'QueueName' })
  name: Q.QueueName;

  @ApiProperty({ description: 'tugas menunggu diproses (wait + prioritized)' })
  waiting: number;

  @ApiProperty()
  active: number;

  @ApiProperty({ description: 'tugas terjadwal (pengingat, percobaan ulang)' })
  delayed: number;

  @ApiProperty({ description: 'tugas yang gagal untuk selamanya (disimpan 30 hari)' })
  failed: number;

  @ApiProperty({ type: Number, nullable: true, description: 'umur tugas menunggu tertua sejak jatuh tempo (detik)' })
  oldestWaitingAgeSeconds: number | null;

  @ApiProperty()
  late: boolean;

  @ApiPropertyOptional({ description: 'Redis tidak dapat dibaca: pesannya' })
  error?: string;
}

/** GET /health/pipeline: ages and counts only, no letter data. */
export class PipelineStatusDto implements Q.PipelineStatus {
  @ApiProperty({ enum: PIPELINE_VERDICT, enumName: 'PipelineVerdict', description: 'LATE: ada yang menunggu melewati batas; UNKNOWN: sebagian tidak dapat dibaca' })
  verdict: Q.PipelineVerdict;

  @ApiProperty({ type: String, format: 'date-time' })
  checkedAt: Date;

  @ApiProperty({ description: 'PIPELINE_LATE_SECONDS' })
  lateAfterSeconds: number;

  @ApiProperty({ type: [String] })
  problems: string[];

  @ApiProperty({ type: OutboxBacklogDto })
  outbox: OutboxBacklogDto;

  @ApiProperty({ type: [QueueBacklogDto] })
  queues: QueueBacklogDto[];
}
type StatusCheck = Conforms<Q.PipelineStatus, PipelineStatusDto>;
