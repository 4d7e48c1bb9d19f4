import { ApiProperty } from '@nestjs/swagger';
import { FINAL_ACTION, SECURITY_CLASS } from '../../common/dto/enums.view';

/** An archive classification code with the retention values loaded for it. */
export class ClassificationView {
  @ApiProperty({ example: 'PY.01.1' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) parentCode: string | null;
  @ApiProperty({ type: Number, nullable: true }) activeYears: number | null;
  @ApiProperty({ type: Number, nullable: true }) inactiveYears: number | null;
  @ApiProperty({ enum: FINAL_ACTION, enumName: 'FinalAction', nullable: true }) finalAction: string | null;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass', nullable: true }) securityClass: string | null;
  @ApiProperty({ description: 'demo (CONTOH) retention values' }) isDemo: boolean;
}

export class ClassificationList {
  @ApiProperty({ description: 'the retention values loaded are demo (CONTOH) values' }) demoSchedule: boolean;
  @ApiProperty({ type: () => ClassificationView, isArray: true }) items: ClassificationView[];
}
