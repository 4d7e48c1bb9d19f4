import { ApiProperty } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { RECIPIENT_KIND, ROUTE_MODE } from '../../common/dto/enums.view';

export class RoutePreviewRecipient {
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty({ type: Number, nullable: true }) positionId: number | null;
  @ApiProperty({ type: String, nullable: true }) externalName: string | null;
}

/** Where the delivery lands first (the Sekretaris of the parent office when VIA_PARENT). */
export class RouteDeliverTo {
  @ApiProperty() officeId: number;
  @ApiProperty() officeName: string;
  @ApiProperty() positionId: number;
  @ApiProperty() positionTitle: string;
}

/** An office on the route (or the external party). */
export class RouteHopPreview implements C.RouteHopPreview {
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'RI, PROVINSI or KABKOTA' }) level: string | null;
}

/** How one addressee or copy will travel. */
export class RoutePreview implements C.RoutePreview {
  @ApiProperty({ enum: RECIPIENT_KIND, enumName: 'RecipientKind' }) kind: C.RoutePreview['kind'];
  @ApiProperty({ type: () => RoutePreviewRecipient }) recipient: RoutePreviewRecipient;
  @ApiProperty({ enum: ROUTE_MODE, enumName: 'RouteMode' }) mode: C.RoutePreview['mode'];
  @ApiProperty() toBeForwarded: boolean;
  @ApiProperty({ type: () => RouteDeliverTo, nullable: true, description: 'null for external parties' }) deliverTo: RouteDeliverTo | null;
  @ApiProperty({ type: () => RouteHopPreview, isArray: true, description: 'offices on the route, sender first' }) hops: RouteHopPreview[];
  @ApiProperty({ description: 'the route in words (Bahasa Indonesia)' }) explanation: string;
}

export class ViaParentTarget {
  @ApiProperty() officeId: number;
  @ApiProperty() positionId: number;
  @ApiProperty() deliverToOfficeId: number;
  @ApiProperty() route: string;
}

export class SendResult implements C.SendResult {
  @ApiProperty() letterId: string;
  @ApiProperty({ enum: ['SENT'] }) status: 'SENT';
  @ApiProperty({ type: String, format: 'date-time' }) sentAt: Date;
  @ApiProperty({ type: String, nullable: true }) transmissionId: string | null;
  @ApiProperty({ description: 'deliveries the dispatch job will create' }) targetCount: number;
  @ApiProperty({ type: String, isArray: true, description: 'addressees printed on the letter only (no delivery)' }) external: string[];
  @ApiProperty({ type: () => ViaParentTarget, isArray: true, description: 'addressees the rule sends through a parent office' }) viaParent: ViaParentTarget[];
}
