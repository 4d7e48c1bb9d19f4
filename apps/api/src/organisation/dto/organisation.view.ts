import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Org from '@naskah/organisation';
import { OFFICE_LEVEL, POSITION_KIND, UNIT_KIND } from '../../common/dto/enums.view';
import { OfficeRef } from '../../common/dto/refs.view';

/** An office (satker): KPU RI, a KPU Provinsi or a KPU/KIP Kabupaten/Kota. */
export class OfficeView implements Org.OfficeView {
  @ApiProperty() id: number;
  @ApiProperty({ example: '5204', description: 'region code (RI for KPU RI)' }) code: string;
  @ApiProperty({ enum: OFFICE_LEVEL, enumName: 'OfficeLevel' }) level: Org.OfficeLevel;
  @ApiProperty() name: string;
  @ApiProperty() regionName: string;
  @ApiProperty() city: string;
  @ApiProperty({ type: Number, nullable: true }) parentId: number | null;
  @ApiPropertyOptional({ type: () => OfficeRef, nullable: true, description: 'the parent office (on a single office)' }) parent?: OfficeRef | null;
}

export class OfficePage {
  @ApiProperty({ type: () => OfficeView, isArray: true }) items: OfficeView[];
  @ApiProperty() total: number;
}

/** A unit (biro, bagian, subbagian) of an office. */
export class UnitView implements Org.UnitView {
  @ApiProperty() id: number;
  @ApiProperty() officeId: number;
  @ApiProperty({ type: Number, nullable: true }) parentId: number | null;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_KIND, enumName: 'UnitKind' }) kind: Org.UnitKind;
}

export class PositionHolder {
  @ApiProperty() userId: number;
  @ApiProperty() fullName: string;
}

/** A position (jabatan) in the reporting tree. */
export class PositionView implements Org.PositionView {
  @ApiProperty() id: number;
  @ApiProperty() officeId: number;
  @ApiProperty({ type: Number, nullable: true }) unitId: number | null;
  @ApiProperty({ type: Number, nullable: true }) parentId: number | null;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: POSITION_KIND, enumName: 'PositionKind' }) kind: Org.PositionKind;
  @ApiProperty({ description: 'materialised path of position ids in the reporting tree' }) path: string;
  @ApiProperty() depth: number;
  @ApiPropertyOptional({ type: () => PositionHolder, nullable: true, description: 'who holds it (null: vacant)' }) holder?: PositionHolder | null;
}
