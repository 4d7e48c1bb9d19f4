import { ApiProperty } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { INBOX_SORTS } from '@naskah/correspondence';
import { ARRIVED_BY, DELIVERY_STATUS, RECIPIENT_KIND, ROUTE_ACTION, SECURITY_CLASS, URGENCY } from '../../common/dto/enums.view';
import { OfficeNameRef, OfficeRef, PositionRef } from '../../common/dto/refs.view';
import { LetterView } from './letter.view';

export class DeliverySender {
  @ApiProperty() officeId: number;
  @ApiProperty() name: string;
}

/** The office that forwarded or returned the letter, with its note. */
export class DeliveryVia {
  @ApiProperty() officeId: number;
  @ApiProperty() officeName: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

/** One received letter as an inbox row. */
export class InboxItem implements C.InboxItem {
  @ApiProperty() id: string;
  @ApiProperty() letterId: string;
  @ApiProperty() transmissionId: string;
  @ApiProperty({ enum: ARRIVED_BY, enumName: 'ArrivedBy', description: 'sent, forwarded (teruskan), returned (dikembalikan) or registered external mail' }) arrivedBy: C.InboxItem['arrivedBy'];
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: C.InboxItem['kind'];
  @ApiProperty({ description: 'a copy (tembusan)' }) isCopy: boolean;
  @ApiProperty({ enum: DELIVERY_STATUS, enumName: 'DeliveryStatus' }) status: C.DeliveryStatus;
  @ApiProperty() positionId: number;
  @ApiProperty() officeId: number;
  @ApiProperty() agendaNumber: number;
  @ApiProperty() agendaYear: number;
  @ApiProperty({ description: 'to be forwarded (hierarchy is law) to the final addressee' }) toBeForwarded: boolean;
  @ApiProperty({ type: Number, nullable: true }) finalOfficeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) finalPositionId: number | null;
  @ApiProperty({ type: () => DeliverySender }) sender: DeliverySender;
  @ApiProperty({ type: () => DeliveryVia, nullable: true }) via: DeliveryVia | null;
  @ApiProperty() subject: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() typeCode: string;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) urgency: C.Urgency;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: C.SecurityClass;
  @ApiProperty({ type: String, format: 'date-time' }) deliveredAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) readByUserId: number | null;
}

/** A page of the inbox (naskah masuk). */
export class InboxPage implements C.InboxPage {
  @ApiProperty({ type: () => InboxItem, isArray: true }) items: InboxItem[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() hasMore: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `before` to read the next page by keyset' }) nextBefore: string | null;
  @ApiProperty({ type: Number, isArray: true, description: 'the positions read (own and held by delegation)' }) positionIds: number[];
  @ApiProperty({ enum: INBOX_SORTS, enumName: 'InboxSort', description: 'the order of the items' }) sort: C.InboxSort;
  @ApiProperty({ type: Number, nullable: true, description: 'how many items match the filters over every page (copies destroyed under the retention schedule left out, as in the list); counted on the first page only, null on the following ones; counted up to 1,000 (then `totalCapped`)' }) total: number | null;
  @ApiProperty({ description: 'true: more items than `total` match (the count stops at 1,000); the page says "lebih dari 1.000"' }) totalCapped: boolean;
}

/** One received letter with the letter itself. */
export class DeliveryDetail extends InboxItem implements C.DeliveryDetail {
  @ApiProperty({ type: () => OfficeNameRef }) office: OfficeNameRef;
  @ApiProperty({ type: () => PositionRef }) position: PositionRef;
  @ApiProperty({ description: 'the caller is the recipient (or acts for them) and may read, forward or return it' }) mine: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) actNote: string | null;
  @ApiProperty({ type: () => LetterView }) letter: LetterView;
}

/** Where a transmission delivers: the addressee, or the office to forward through. */
export class TransmissionTarget implements C.TransmissionTarget {
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: C.TransmissionTarget['kind'];
  @ApiProperty() officeId: number;
  @ApiProperty() positionId: number;
  @ApiProperty() toBeForwarded: boolean;
  @ApiProperty({ type: Number, nullable: true }) finalOfficeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) finalPositionId: number | null;
}

export class ForwardResult implements C.ForwardResult {
  @ApiProperty() deliveryId: string;
  @ApiProperty({ enum: ['FORWARDED'] }) status: 'FORWARDED';
  @ApiProperty() transmissionId: string;
  @ApiProperty({ type: () => TransmissionTarget, isArray: true }) targets: TransmissionTarget[];
}

export class ReturnedTo {
  @ApiProperty() officeId: number;
  @ApiProperty() positionId: number;
}

export class ReturnResult implements C.ReturnResult {
  @ApiProperty() deliveryId: string;
  @ApiProperty({ enum: ['RETURNED'] }) status: 'RETURNED';
  @ApiProperty() transmissionId: string;
  @ApiProperty({ type: () => ReturnedTo }) returnedTo: ReturnedTo;
}

type RouteByModel = NonNullable<C.RouteHop['by']>;

export class RouteHopBy implements RouteByModel {
  @ApiProperty() userId: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) capacity: string | null;
}

/** One office on the letter's way: who sent, forwarded or returned it, when, with what note. */
export class RouteHop implements C.RouteHop {
  @ApiProperty({ type: () => OfficeRef }) office: OfficeRef;
  @ApiProperty({ type: () => PositionRef, nullable: true }) position: PositionRef | null;
  @ApiProperty({ enum: ROUTE_ACTION, enumName: 'RouteAction', description: 'the letter left (SEND/REGISTER/FORWARD/RETURN) or rests here (RECEIVED)' }) action: C.RouteHop['action'];
  @ApiProperty({ type: () => RouteHopBy, nullable: true }) by: RouteHopBy | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the delivery that brought the letter here (null for the origin)' }) deliveryId: string | null;
  @ApiProperty({ type: Number, nullable: true }) agendaNumber: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receivedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
}

export class DeliveryRoute {
  @ApiProperty() deliveryId: string;
  @ApiProperty() letterId: string;
  @ApiProperty({ type: () => RouteHop, isArray: true }) hops: RouteHop[];
}
