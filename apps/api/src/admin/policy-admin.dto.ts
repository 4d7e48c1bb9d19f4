import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId, QueryId } from '@naskah/core';
import { COUNTER_DIMENSIONS, OFFICE_LEVELS, RELATIONS, ROUTING_MODES } from '@naskah/correspondence';

/** One cell of the routing matrix; the values are judged whole by the policy rules (422 listing every problem). */
export class RoutingRuleDto {
  @ApiProperty({ enum: OFFICE_LEVELS }) @IsString() @MaxLength(40)
  fromLevel: string;

  @ApiProperty({ enum: RELATIONS }) @IsString() @MaxLength(40)
  relation: string;

  @ApiProperty({ enum: ROUTING_MODES }) @IsString() @MaxLength(40)
  mode: string;
}

export class PutRoutingPolicyDto {
  @ApiProperty({ type: [RoutingRuleDto], description: 'seluruh matriks (tiap level asal × relasi tujuan), seperti `rules` pada GET' })
  @IsArray() @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => RoutingRuleDto)
  rules: RoutingRuleDto[];

  @ApiProperty({ description: 'alasan perubahan (dicatat di jejak audit)' }) @CleanText({ multiline: true }) @Length(5, 1000)
  reason: string;

  @ApiPropertyOptional({ description: 'versi yang dibaca; ditolak (409) bila kebijakan sudah berubah' }) @IsOptional() @IsInt() @Min(0)
  baseVersion?: number;
}

const TYPE_CODE = /^[A-Za-z]{1,10}$/;

export class NumberTemplateQueryDto {
  @ApiProperty({ description: 'satker' }) @QueryId()
  officeId: number;

  @ApiProperty({ description: 'jenis naskah (SD, ND, Kpt…)' }) @Matches(TYPE_CODE, { message: 'typeCode: 1–10 huruf' })
  typeCode: string;

  @ApiPropertyOptional({ description: 'kode klasifikasi untuk pratinjau (bawaan: contoh dari daftar klasifikasi)' }) @IsOptional() @CleanText() @Length(1, 30)
  classification?: string;

  @ApiPropertyOptional({ description: 'unit kerja penandatangan, untuk lingkup penghitung per unit' }) @IsOptional() @QueryId()
  unitId?: number;
}

export class PutNumberTemplateDto {
  @ApiPropertyOptional({ description: 'satker; kosong = templat bawaan untuk semua satker', nullable: true }) @IsOptional() @IsEntityId()
  officeId?: number | null;

  @ApiPropertyOptional({ description: 'jenis naskah; kosong = templat bawaan untuk semua jenis', nullable: true }) @IsOptional() @Matches(TYPE_CODE, { message: 'typeCode: 1–10 huruf' })
  typeCode?: string | null;

  @ApiProperty({ example: '{seq}/{classification}-{type}/{region}/{year}', description: 'placeholder: {seq} {seq:N} {classification} {type} {region} {unit} {office} {romanMonth} {month} {year} {day}' })
  // printed in official numbers: visible ASCII and plain spaces only (no zero-width or look-alike characters)
  @CleanText() @Length(1, 200) @Matches(/^[\x20-\x7e]+$/, { message: 'template: hanya huruf, angka, tanda baca ASCII dan spasi biasa (visible ASCII only)' })
  template: string;

  @ApiProperty({ enum: COUNTER_DIMENSIONS, isArray: true, example: ['office', 'type', 'year'], description: 'lingkup penghitung: naskah yang berbagi satu nomor urut' })
  @IsArray() @ArrayMaxSize(6) @IsIn(COUNTER_DIMENSIONS, { each: true })
  counterScope: string[];

  @ApiPropertyOptional({ description: 'kode unit yang dicetak untuk {unit}', nullable: true }) @IsOptional() @CleanText() @Length(1, 40)
  unitCode?: string | null;

  @ApiProperty({ description: 'alasan perubahan (dicatat di jejak audit)' }) @CleanText({ multiline: true }) @Length(5, 1000)
  reason: string;
}
