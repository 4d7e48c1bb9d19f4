import { ApiProperty } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { LETTER_ORIGIN, LETTER_STATUS, SECURITY_CLASS, URGENCY, valuesOf } from '../../common/dto/enums.view';

export const SEARCH_BOX = valuesOf<C.SearchBox>()(['sent', 'received', 'drafts']);

/** The sending office, or an external sender by name (officeId null). */
export class LetterSearchSender {
  @ApiProperty({ type: Number, nullable: true }) officeId: number | null;
  @ApiProperty() name: string;
}

/** A letter found by the search. */
export class LetterSearchItem implements C.LetterSearchItem {
  @ApiProperty() id: string;
  @ApiProperty() subject: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() typeCode: string;
  @ApiProperty({ type: String, nullable: true }) classificationCode: string | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass' }) securityClass: C.SecurityClass;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) urgency: C.Urgency;
  @ApiProperty({ enum: LETTER_STATUS, enumName: 'LetterStatus' }) status: C.LetterStatus;
  @ApiProperty({ enum: LETTER_ORIGIN, enumName: 'LetterOrigin' }) origin: C.LetterSearchItem['origin'];
  @ApiProperty({ type: () => LetterSearchSender }) sender: LetterSearchSender;
  @ApiProperty({ type: String, format: 'date-time', description: 'dikirim (diregistrasi untuk surat dari luar); dibuat untuk konsep — yang disaring from/to' }) date: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ enum: SEARCH_BOX, enumName: 'SearchBox', isArray: true, description: 'sent / received / drafts, bagi pemanggil' }) boxes: C.SearchBox[];
}

/** A page of the search: `nextBefore` continues it (also after a page that ended its window early with fewer items). */
export class LetterSearchPage implements C.LetterSearchPage {
  @ApiProperty({ type: () => LetterSearchItem, isArray: true }) items: LetterSearchItem[];
  @ApiProperty() pageSize: number;
  @ApiProperty() hasMore: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'teruskan sebagai before' }) nextBefore: string | null;
}
