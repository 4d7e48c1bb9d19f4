import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Length, ValidateNested } from 'class-validator';
import { RECIPIENT_GROUPS, RecipientGroup } from '@naskah/correspondence';
import { CleanText, IsEntityId } from '@naskah/core';

export class PreviewRecipientDto {
  @ApiPropertyOptional({ description: 'satker tujuan (diterima pimpinannya)' }) @IsOptional() @IsEntityId()
  officeId?: number;

  @ApiPropertyOptional({ description: 'jabatan tujuan' }) @IsOptional() @IsEntityId()
  positionId?: number;

  @ApiPropertyOptional({ description: 'pihak luar (teks bebas)' }) @IsOptional() @CleanText() @Length(2, 300)
  externalName?: string;

  @ApiPropertyOptional({ enum: RECIPIENT_GROUPS, description: 'kelompok satker: semua KPU Provinsi, semua KPU Kab/Kota, atau semua KPU Kab/Kota di satu provinsi (provinceOfficeId); diperluas saat dikirim' })
  @IsOptional() @IsIn(RECIPIENT_GROUPS, { message: `group harus salah satu dari ${RECIPIENT_GROUPS.join(', ')}` })
  group?: RecipientGroup;

  @ApiPropertyOptional({ description: 'KPU Provinsi untuk group KABKOTA_OF_PROVINCE' }) @IsOptional() @IsEntityId()
  provinceOfficeId?: number;

  @ApiPropertyOptional({ description: 'daftar distribusi satker Anda; diperluas saat dikirim' }) @IsOptional() @IsEntityId()
  distributionListId?: number;
}

/** Addressees (tujuan) and copies (tembusan) as drafted, to preview their routes. */
export class RoutePreviewDto {
  @ApiProperty({ type: [PreviewRecipientDto], description: 'tujuan' }) @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => PreviewRecipientDto)
  to: PreviewRecipientDto[];

  @ApiPropertyOptional({ type: [PreviewRecipientDto], description: 'tembusan' }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => PreviewRecipientDto)
  cc?: PreviewRecipientDto[];
}
