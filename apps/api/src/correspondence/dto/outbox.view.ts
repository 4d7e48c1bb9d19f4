import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { ARRIVED_BY, DELIVERY_STATUS, LETTER_STATUS, OUTBOX_BOX, RECIPIENT_KIND, SECURITY_CLASS, URGENCY } from '../../common/dto/enums.view';
import { OfficeNameRef, PositionRef } from '../../common/dto/refs.view';

/** A delivery of a sent letter, as its drafter follows it. */
export class OutboxDelivery implements C.OutboxDelivery {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ARRIVED_BY, enumName: 'ArrivedBy' }) arrivedBy: C.OutboxDelivery['arrivedBy'];
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: C.OutboxDelivery['kind'];
  @ApiProperty({ type: () => OfficeNameRef }) office: OfficeNameRef;
  @ApiProperty({ type: () => PositionRef }) position: PositionRef;
  @ApiProperty({ enum: DELIVERY_STATUS, enumName: 'DeliveryStatus' }) status: C.DeliveryStatus;
  @ApiProperty() toBeForwarded: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) deliveredAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) actNote: string | null;
}

/** Deliveries of a sent letter by status. */
export class DeliveryCounts {
  @ApiProperty() DELIVERED: number;
  @ApiProperty() READ: number;
  @ApiProperty() FORWARDED: number;
  @ApiProperty() RETURNED: number;
  @ApiProperty() total: number;
}

export class OutboxItem implements C.OutboxItem {
  @ApiProperty() id: string;
  @ApiProperty() typeCode: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: LETTER_STATUS, enumName: 'LetterStatus' }) status: C.LetterStatus;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: C.SecurityClass;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) urgency: C.Urgency;
  @ApiProperty() drafterPositionId: number;
  @ApiProperty({ type: Number, nullable: true }) signerPositionId: number | null;
  @ApiProperty({ type: Number, nullable: true }) currentStep: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiPropertyOptional({ type: () => OutboxDelivery, isArray: true, description: 'sent letters: every delivery (sends, forwards, returns), up to 100' }) deliveries?: OutboxDelivery[];
  @ApiPropertyOptional({ type: () => DeliveryCounts, description: 'sent letters: deliveries by status' }) deliveryCounts?: DeliveryCounts;
}

/** One box of naskah keluar, a page of it. */
export class OutboxPage {
  @ApiProperty({ enum: OUTBOX_BOX, enumName: 'OutboxBox' }) box: C.OutboxBox;
  @ApiProperty({ type: () => OutboxItem, isArray: true }) items: OutboxItem[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() hasMore: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'teruskan sebagai before' }) nextBefore: string | null;
}
