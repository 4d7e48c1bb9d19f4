import { ApiProperty } from '@nestjs/swagger';
import type * as D from '@naskah/disposition';
import { HOLIDAY_KIND } from '../../common/dto/enums.view';

/** A disposition instruction of the master list (Tindak lanjuti, Pelajari dan telaah, …). */
export class InstructionView implements D.InstructionView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty() sortOrder: number;
  @ApiProperty({ description: 'offers "Siapkan jawaban" (draft a reply letter)' }) offersReply: boolean;
  @ApiProperty() isActive: boolean;
  @ApiProperty() version: number;
}

/** A national holiday or cuti bersama. */
export class HolidayView implements D.HolidayView {
  @ApiProperty() id: number;
  @ApiProperty({ type: String, format: 'date' }) date: string;
  @ApiProperty({ enum: HOLIDAY_KIND, enumName: 'HolidayKind' }) kind: D.HolidayView['kind'];
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ description: 'estimated, not yet from the SKB' }) isEstimate: boolean;
}

/** The date N working days from a day, on the holiday calendar. */
export class DeadlinePreview {
  @ApiProperty({ type: String, format: 'date' }) from: string;
  @ApiProperty() workingDays: number;
  @ApiProperty({ type: String, format: 'date' }) deadline: string;
}
