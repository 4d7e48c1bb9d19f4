import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, Length, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId } from '@naskah/core';

export class PreviewRecipientDto {
  @ApiPropertyOptional({ description: 'satker tujuan (diterima pimpinannya)' }) @IsOptional() @IsEntityId()
  officeId?: number;

  @ApiPropertyOptional({ description: 'jabatan tujuan' }) @IsOptional() @IsEntityId()
  positionId?: number;

  @ApiPropertyOptional({ description: 'pihak luar (teks bebas)' }) @IsOptional() @CleanText() @Length(2, 300)
  externalName?: string;
}

/** Addressees (tujuan) and copies (tembusan) as drafted, to preview their routes. */
export class RoutePreviewDto {
  @ApiProperty({ type: [PreviewRecipientDto], description: 'tujuan' }) @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => PreviewRecipientDto)
  to: PreviewRecipientDto[];

  @ApiPropertyOptional({ type: [PreviewRecipientDto], description: 'tembusan' }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => PreviewRecipientDto)
  cc?: PreviewRecipientDto[];
}
