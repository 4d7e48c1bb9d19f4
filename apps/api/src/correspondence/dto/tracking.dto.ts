import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Length, Max, Min } from 'class-validator';
import { CleanText, IsEntityId, QueryId, QueryInt } from '@naskah/core';
import { TRACKING_STATUSES, TrackingStatus } from '@naskah/correspondence';
import type * as C from '@naskah/correspondence';
import { OFFICE_LEVEL, RECIPIENT_KIND, TRACKING_STATUS } from '../../common/dto/enums.view';
import type { Conforms } from '../../common/dto/refs.view';

const STATUS_HELP = 'UNREAD belum dibaca, READ dibaca, FORWARDED diteruskan, DISPOSED didisposisikan, ACTED ditindaklanjuti (semua disposisinya selesai), RETURNED dikembalikan';

export class TrackingQueryDto {
  @ApiPropertyOptional({ enum: TRACKING_STATUSES, description: STATUS_HELP }) @IsOptional() @IsIn(TRACKING_STATUSES, { message: `status harus salah satu dari ${TRACKING_STATUSES.join(', ')}` })
  status?: TrackingStatus;

  @ApiPropertyOptional({ enum: ['TO', 'CC'] }) @IsOptional() @IsIn(['TO', 'CC'], { message: 'kind harus TO atau CC' })
  kind?: 'TO' | 'CC';

  @ApiPropertyOptional({ enum: ['RI', 'PROVINSI', 'KABKOTA'], description: 'tingkat satker tujuan' }) @IsOptional() @IsIn(['RI', 'PROVINSI', 'KABKOTA'], { message: 'level harus RI, PROVINSI atau KABKOTA' })
  level?: 'RI' | 'PROVINSI' | 'KABKOTA';

  @ApiPropertyOptional({ description: 'KPU Provinsi ini dan KPU Kab/Kota di bawahnya' }) @IsOptional() @QueryId()
  provinceOfficeId?: number;

  @ApiPropertyOptional({ description: 'teks dalam nama atau kode satker tujuan' }) @IsOptional() @CleanText() @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'keyset: pengiriman sesudah id ini (nextAfter halaman sebelumnya)' }) @IsOptional() @IsEntityId({ bigint: true })
  after?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @QueryInt() @Min(1) @Max(200, { message: 'limit maksimal 200' })
  limit?: number;
}

export class TrackingCountsDto implements C.TrackingCounts {
  @ApiProperty() UNREAD: number;
  @ApiProperty() READ: number;
  @ApiProperty() FORWARDED: number;
  @ApiProperty() DISPOSED: number;
  @ApiProperty() ACTED: number;
  @ApiProperty() RETURNED: number;
  @ApiProperty() total: number;
}

type TrackedOffice = C.TrackedDelivery['office'];
type TrackedPosition = C.TrackedDelivery['position'];
type Relay = NonNullable<C.TrackedDelivery['deliveredTo']>;

class TrackedOfficeDto implements TrackedOffice {
  @ApiProperty() id: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OFFICE_LEVEL, enumName: 'OfficeLevel' }) level: string;
}

class TrackedPositionDto implements TrackedPosition {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
}

class RelayDto implements Relay {
  @ApiProperty() officeId: number;
  @ApiProperty() officeName: string;
  @ApiProperty() positionId: number;
  @ApiProperty() positionTitle: string;
}

export class TrackedDeliveryDto implements C.TrackedDelivery {
  @ApiProperty() deliveryId: string;
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: 'TO' | 'CC';
  @ApiProperty({ enum: TRACKING_STATUS, enumName: 'TrackingStatus', description: STATUS_HELP }) status: TrackingStatus;
  @ApiProperty({ type: TrackedOfficeDto, description: 'satker tujuan (untuk surat yang diteruskan: tujuan akhirnya)' }) office: TrackedOfficeDto;
  @ApiProperty({ type: TrackedPositionDto }) position: TrackedPositionDto;
  @ApiProperty({ type: RelayDto, nullable: true, description: 'penerima perantara (Sekretaris satker induk) bila dikirim untuk diteruskan' }) deliveredTo: RelayDto | null;
  @ApiProperty() deliveredAt: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) forwardedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) returnedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'disposisi pertama' }) disposedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'disposisi terakhir selesai (status ACTED)' }) followedUpAt: Date | null;
}

export class TrackingPageDto implements C.TrackingPage {
  @ApiProperty() letterId: string;
  @ApiProperty({ type: TrackingCountsDto, description: 'jumlah per status atas seluruh pengiriman, tanpa filter' }) counts: TrackingCountsDto;
  @ApiProperty({ type: [TrackedDeliveryDto] }) items: TrackedDeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextAfter: string | null;
}

export class UnreadReminderDto implements C.UnreadReminderResult {
  @ApiProperty({ description: 'jabatan yang diingatkan sekarang (0 bila tidak ada yang belum dibaca atau sudah diingatkan dalam 1 jam terakhir)' }) reminded: number;
  @ApiProperty({ description: 'jabatan yang belum membaca' }) unread: number;
  @ApiProperty({ type: Date, nullable: true }) remindedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'pengingat sebelumnya yang masih berlaku' }) alreadyRemindedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) nextReminderAt: Date | null;
}
type PageCheck = Conforms<C.TrackingPage, TrackingPageDto>;
type ReminderCheck = Conforms<C.UnreadReminderResult, UnreadReminderDto>;
