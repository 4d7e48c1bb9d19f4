import { ApiProperty } from '@nestjs/swagger';
import type * as D from '@naskah/disposition';
import { PREPARED_STATUS, URGENCY } from '../../common/dto/enums.view';
import { PositionRef } from '../../common/dto/refs.view';
import { DispositionView } from './disposition.view';

export class PreparedLetterRef {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() subject: string;
}

export class PreparedBy {
  @ApiProperty() userId: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) positionId: number | null;
}

/** A disposition prepared by TU for the leader to confirm, edit or discard. */
export class PreparedView implements D.PreparedView {
  @ApiProperty() id: string;
  @ApiProperty() deliveryId: string;
  @ApiProperty({ type: () => PreparedLetterRef }) letter: PreparedLetterRef;
  @ApiProperty() officeId: number;
  @ApiProperty({ type: () => PositionRef, description: 'the leader it is prepared for' }) forPosition: PositionRef;
  @ApiProperty({ type: () => PreparedBy }) preparedBy: PreparedBy;
  @ApiProperty({ type: () => PositionRef, isArray: true }) recipients: PositionRef[];
  @ApiProperty({ type: String, isArray: true }) instructionCodes: string[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) priority: D.PreparedView['priority'];
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiProperty({ enum: PREPARED_STATUS, enumName: 'PreparedStatus' }) status: D.PreparedStatus;
  @ApiProperty({ type: Number, nullable: true }) decidedByUserId: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: String, isArray: true }) dispositionIds: string[];
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** The confirmed preparation and the dispositions issued in the leader's name. */
export class PreparedConfirmed {
  @ApiProperty({ type: () => PreparedView }) prepared: PreparedView;
  @ApiProperty({ type: () => DispositionView, isArray: true }) dispositions: DispositionView[];
}
