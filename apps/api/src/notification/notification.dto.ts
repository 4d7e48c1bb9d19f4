import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsEntityId, QueryInt } from '@naskah/core';

export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'hanya yang belum dibaca' }) @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean({ message: 'unread harus true atau false' })
  unread?: boolean;

  @ApiPropertyOptional({ description: 'keyset: yang lebih lama dari id ini' }) @IsOptional() @IsEntityId({ bigint: true })
  before?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100)
  limit?: number;
}

export class StreamQueryDto {
  @ApiPropertyOptional({ description: 'tiket aliran sekali pakai dari POST /api/notifications/stream-ticket (EventSource tidak dapat mengirim header); bukan token akses' })
  @IsOptional() @IsString()
  ticket?: string;

  @ApiPropertyOptional({ description: 'id notifikasi terakhir yang diterima' }) @IsOptional() @IsEntityId({ bigint: true })
  lastEventId?: string;
}

export class StreamTicketDto {
  @ApiProperty({ description: 'tiket acak, sekali pakai, untuk ?ticket= pada GET /api/notifications/stream' })
  ticket: string;

  @ApiProperty({ example: 60, description: 'detik sampai tiket tidak berlaku' })
  expiresIn: number;
}
