import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId } from '@naskah/core';
import type * as C from '@naskah/correspondence';
import type { Conforms } from '../../common/dto/refs.view';

export class DistributionListMemberDto {
  @ApiPropertyOptional({ description: 'satker anggota (diterima pimpinannya)' }) @IsOptional() @IsEntityId()
  officeId?: number;

  @ApiPropertyOptional({ description: 'jabatan anggota' }) @IsOptional() @IsEntityId()
  positionId?: number;
}

/** A new distribution list of the caller's office. */
export class CreateDistributionListDto {
  @ApiProperty({ description: 'nama daftar, dicetak setelah "Yth." pada naskah', example: 'Ketua KPU Kabupaten/Kota se-Pulau Lombok' })
  @CleanText() @Length(3, 200)
  name: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(1000)
  description?: string;

  @ApiProperty({ type: [DistributionListMemberDto], description: 'satker atau jabatan, masing-masing sekali' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => DistributionListMemberDto)
  members: DistributionListMemberDto[];
}

export class UpdateDistributionListDto {
  @ApiProperty({ description: 'versi yang dibaca (pemeriksaan perubahan bersamaan)' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(3, 200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ type: [DistributionListMemberDto] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => DistributionListMemberDto)
  members?: DistributionListMemberDto[];
}

export class DistributionListMemberViewDto implements C.DistributionListMemberView {
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) positionId: number | null;
  @ApiProperty({ description: '"Ketua KPU Kota Mataram" atau "<jabatan> <satker>"' }) label: string;
}

export class DistributionListSummaryDto implements C.DistributionListSummary {
  @ApiProperty() id: number;
  @ApiProperty() officeId: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() version: number;
  @ApiProperty() memberCount: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class DistributionListViewDto extends DistributionListSummaryDto implements C.DistributionListView {
  @ApiProperty({ type: [DistributionListMemberViewDto] }) members: DistributionListMemberViewDto[];
}

export class DistributionListPageDto implements Awaited<ReturnType<C.DistributionListsService['list']>> {
  @ApiProperty({ type: [DistributionListSummaryDto] }) items: DistributionListSummaryDto[];
}
type ViewCheck = Conforms<C.DistributionListView, DistributionListViewDto>;
type SummaryCheck = Conforms<C.DistributionListSummary, DistributionListSummaryDto>;
