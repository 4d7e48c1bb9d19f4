import { ApiProperty } from '@nestjs/swagger';
import type * as Org from '@naskah/organisation';

/** The kop surat of an office: printed under its name at the head of its letters. */
export class OfficeLetterheadView implements Org.OfficeLetterhead {
  @ApiProperty() officeId: number;
  @ApiProperty({ example: 'Komisi Pemilihan Umum Kabupaten Sumbawa' }) name: string;
  @ApiProperty({ example: 'Sumbawa', description: 'printed before the date' }) city: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true, example: '(0371) 21234' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'kab-sumbawa@kpu.go.id' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://kab-sumbawa.kpu.go.id' }) website: string | null;
}
