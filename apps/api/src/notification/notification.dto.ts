import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'hanya yang belum dibaca' }) @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean({ message: 'unread harus true atau false' })
  unread?: boolean;

  @ApiPropertyOptional({ description: 'keyset: yang lebih lama dari id ini' }) @IsOptional() @Matches(/^\d{1,19}$/, { message: 'before harus id numerik' })
  before?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class StreamQueryDto {
  @ApiPropertyOptional({ description: 'token akses (EventSource tidak dapat mengirim header)' }) @IsOptional() @IsString()
  access_token?: string;

  @ApiPropertyOptional({ description: 'id notifikasi terakhir yang diterima' }) @IsOptional() @Matches(/^\d{1,19}$/)
  lastEventId?: string;
}
