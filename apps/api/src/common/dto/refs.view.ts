import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/** Schema options for a value that may be any JSON (a recorded before/after, a field's old or new value). */
export const ANY_JSON: ApiPropertyOptions = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
};

/** A position (jabatan) by id and title. */
export class PositionRef {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
}

/** An office (satker) by id and name. */
export class OfficeNameRef {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

/** An office (satker) by id, code and name. */
export class OfficeRef {
  @ApiProperty() id: number;
  @ApiProperty({ example: '5204' }) code: string;
  @ApiProperty() name: string;
}

/** A code with its label (letter types, security classes, urgencies). */
export class CodeName {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

/**
 * Compile-time check that a service's (anonymous) return type fits the documented class: a field
 * the service drops or retypes fails the typecheck. `implements` checks the other direction.
 */
export type Conforms<Model extends View, View> = [Model, View];
