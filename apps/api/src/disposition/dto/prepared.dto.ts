import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { DispositionInputDto } from './disposition.dto';

export class PrepareDispositionDto extends DispositionInputDto {
  @ApiProperty({ description: 'surat masuk pimpinan yang disiapkan disposisinya' }) @Matches(/^\d{1,19}$/, { message: 'deliveryId harus id numerik' })
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
  @IsOptional() @ValidateNested() @Type(() => DispositionInputDto)
  changes?: DispositionInputDto;
}

export class DiscardPreparedDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  version?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class PreparedQueryDto {
  @ApiPropertyOptional({ enum: ['PENDING', 'CONFIRMED', 'DISCARDED'] }) @IsOptional() @IsIn(['PENDING', 'CONFIRMED', 'DISCARDED'])
  status?: 'PENDING' | 'CONFIRMED' | 'DISCARDED';
}
