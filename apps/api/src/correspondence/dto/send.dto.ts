import type { SendResult } from '@naskah/correspondence';
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

class GroupExpansionDto {
  @ApiProperty({ description: 'indeks penerima pada daftar naskah' }) index: number;
  @ApiProperty({ enum: ['TO', 'CC'] }) kind: 'TO' | 'CC';
  @ApiProperty({ enum: RECIPIENT_GROUPS, nullable: true }) group: RecipientGroup | null;
  @ApiProperty({ type: Number, nullable: true }) provinceOfficeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) distributionListId: number | null;
  @ApiProperty({ description: 'dicetak setelah "Yth."' }) label: string;
  @ApiProperty({ description: 'satker/jabatan yang dituju (tanpa satker pengirim)' }) members: number;
  @ApiProperty({ description: 'satker pengirim termasuk kelompok dan tidak dikirimi' }) excludedSender: boolean;
  @ApiProperty({ description: 'anggota yang juga disebut penerima lain (satu pengiriman; TO mengalahkan CC)' }) merged: number;
}

class MergedAddresseeDto {
  @ApiProperty() officeId: number;
  @ApiProperty() positionId: number;
  @ApiProperty({ enum: ['TO', 'CC'] }) kind: 'TO' | 'CC';
  @ApiProperty({ type: [Number], description: 'indeks penerima yang menyebutnya' }) recipients: number[];
}

class ViaParentDto {
  @ApiProperty() officeId: number;
  @ApiProperty() positionId: number;
  @ApiProperty() deliverToOfficeId: number;
  @ApiProperty() route: string;
}

export class SendResultDto implements SendResult {
  @ApiProperty() letterId: string;
  @ApiProperty({ enum: ['SENT'] }) status: 'SENT';
  @ApiProperty() sentAt: Date;
  @ApiProperty({ type: String, nullable: true }) transmissionId: string | null;
  @ApiProperty({ description: 'pengiriman yang dibuat' }) targetCount: number;
  @ApiProperty({ type: [String] }) external: string[];
  @ApiProperty({ type: [ViaParentDto] }) viaParent: ViaParentDto[];
  @ApiProperty({ type: [GroupExpansionDto] }) groups: GroupExpansionDto[];
  @ApiProperty({ type: [MergedAddresseeDto] }) merged: MergedAddresseeDto[];
}

class HopDto {
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) level: string | null;
}

class DeliverToDto {
  @ApiProperty() officeId: number;
  @ApiProperty() officeName: string;
  @ApiProperty() positionId: number;
  @ApiProperty() positionTitle: string;
}

class GroupRouteDto {
  @ApiProperty({ enum: ['DIRECT', 'VIA_PARENT', 'FORBIDDEN'] }) mode: string;
  @ApiProperty() toBeForwarded: boolean;
  @ApiProperty() count: number;
  @ApiProperty({ type: DeliverToDto, nullable: true }) deliverTo: DeliverToDto | null;
  @ApiProperty() explanation: string;
}

class GroupPreviewDto {
  @ApiProperty() label: string;
  @ApiProperty() members: number;
  @ApiProperty() excludedSender: boolean;
  @ApiProperty() merged: number;
  @ApiProperty({ type: [GroupRouteDto], description: 'ringkasan per rute, bukan per anggota' }) routes: GroupRouteDto[];
}

class PreviewedRecipientDto {
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) positionId: number | null;
  @ApiProperty({ type: String, nullable: true }) externalName: string | null;
  @ApiPropertyOptional({ enum: RECIPIENT_GROUPS, nullable: true }) group?: RecipientGroup | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) provinceOfficeId?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) distributionListId?: number | null;
}

export class RoutePreviewItemDto {
  @ApiProperty({ enum: ['TO', 'CC'] }) kind: 'TO' | 'CC';
  @ApiProperty({ type: PreviewedRecipientDto }) recipient: PreviewedRecipientDto;
  @ApiProperty({ enum: ['DIRECT', 'VIA_PARENT', 'FORBIDDEN'], description: 'kelompok: mode paling ketat di antara anggotanya' }) mode: string;
  @ApiProperty() toBeForwarded: boolean;
  @ApiProperty({ type: DeliverToDto, nullable: true }) deliverTo: DeliverToDto | null;
  @ApiProperty({ type: [HopDto] }) hops: HopDto[];
  @ApiProperty() explanation: string;
  @ApiPropertyOptional({ type: GroupPreviewDto }) group?: GroupPreviewDto;
}
