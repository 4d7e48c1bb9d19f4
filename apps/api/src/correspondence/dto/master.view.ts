import { ApiProperty } from '@nestjs/swagger';
import { CodeName } from '../../common/dto/refs.view';
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

/**
 * A letter type and the typed fields it takes (issue 12 item 8): `fields` names the model
 * (TypeFields<Code> in the OpenAPI components; null: only the common fields), `requiredFields` what
 * submitting needs, `fieldsSchema` the JSON Schema the API validates `typeFields` with at submit
 * (a draft may be saved with the same shapes, nothing required yet).
 */
export class LetterTypeView extends CodeName {
  @ApiProperty({ type: String, enum: ['Und', 'ST', 'Kpt', 'BA', 'SKet'], enumName: 'LetterTypeFieldsModel', nullable: true, description: 'which typed fields the type takes; null: only the common ones (appendices, closing, a.n./u.b.)' })
  fields: 'Und' | 'ST' | 'Kpt' | 'BA' | 'SKet' | null;
  @ApiProperty({ type: String, isArray: true, example: ['events'], description: 'the typeFields keys submitting requires' }) requiredFields: string[];
  @ApiProperty({ description: 'whether submitting requires a body with text (false for Keputusan and Surat Tugas, whose content is their typed fields: 422 BODY_REQUIRED naming bodyDoc otherwise)' }) bodyRequired: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "JSON Schema of typeFields for this type (lampiran bodies: BodyDoc); strings are also trimmed and free of control characters, dates real calendar days, ST's period start ≤ end" })
  fieldsSchema: Record<string, unknown>;
}
