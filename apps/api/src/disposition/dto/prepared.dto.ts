import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId } from '@naskah/core';
import { DispositionInputDto } from './disposition.dto';

export class PrepareDispositionDto extends DispositionInputDto {
  @ApiProperty({ description: 'surat masuk pimpinan yang disiapkan disposisinya' }) @IsEntityId({ bigint: true })
  deliveryId: string;
}

export class EditPreparedDto extends DispositionInputDto {
  @ApiProperty() @IsInt() @Min(1)
  version: number;
}

export class ConfirmPreparedDto {
  @ApiProperty() @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ type: DispositionInputDto, description: 'perubahan pimpinan; tanpa ini disahkan sebagaimana disiapkan' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => DispositionInputDto)
  changes?: DispositionInputDto;
}

export class DiscardPreparedDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  version?: number;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(2000)
  reason?: string;
}

export class PreparedQueryDto {
  @ApiPropertyOptional({ enum: ['PENDING', 'CONFIRMED', 'DISCARDED'] }) @IsOptional() @IsIn(['PENDING', 'CONFIRMED', 'DISCARDED'])
  status?: 'PENDING' | 'CONFIRMED' | 'DISCARDED';
}
