import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId, QueryId, QueryInt } from '@naskah/core';
import type { BodyDoc, LetterTypeFields } from '@naskah/correspondence';
import { PreviewRecipientDto } from './send.dto';
import { contentRef } from './letter-content.schemas';

const BODY_DOC_DESCRIPTION =
  'the body as a document (Tiptap/ProseMirror subset, see BodyDoc); when given, `body` is derived from it as plain text (and any `body` sent is ignored). ' +
  'Checked whole: an unknown node, mark or attribute, a control character, lists nested more than 4 deep or a table wider than 12 columns is 400 naming its path (bodyDoc.content[3].content[0]…). ' +
  'Text is text: "<b>" stays the four characters.';
const TYPE_FIELDS_DESCRIPTION =
  "the typed fields of the letter's type (Und, ST, Kpt, BA, SKet; see GET /api/master/letter-types) and the common ones (appendices, closing, a.n./u.b. positions). " +
  'A draft may be saved incomplete: each field given is checked (shape, real dates, HH:mm, 18-digit NIP, a.n./u.b. superiors of the signer in this office; 400 naming typeFields.…); ' +
  'what the type requires is checked at submit (422). A field of another type is refused. null clears them.';

/** An addressee (TO) or copy (CC): the recipient forms of the route preview, with its kind. */
export class RecipientDto extends PreviewRecipientDto {
  @ApiProperty({ enum: ['TO', 'CC'] }) @IsIn(['TO', 'CC'])
  kind: 'TO' | 'CC';
}

export class CreateLetterDto {
  @ApiProperty({ example: 'SD' }) @CleanText() @Length(1, 10)
  typeCode: string;

  @ApiProperty({ description: 'hal' }) @CleanText() @Length(3, 500)
  subject: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ description: 'the body as plain text (paragraphs separated by a blank line); required unless bodyDoc is given' })
  @ValidateIf((o: CreateLetterDto) => o.bodyDoc === undefined || o.bodyDoc === null || o.body !== undefined) @CleanText({ multiline: true }) @Length(1, 200000)
  body: string;

  @ApiPropertyOptional({ ...contentRef('BodyDoc'), description: BODY_DOC_DESCRIPTION }) @IsOptional() @IsObject()
  bodyDoc?: BodyDoc;

  @ApiPropertyOptional({ ...contentRef('LetterTypeFields'), nullable: true, description: TYPE_FIELDS_DESCRIPTION }) @IsOptional() @IsObject()
  typeFields?: LetterTypeFields | null;

  @ApiProperty({ enum: ['B', 'T', 'R', 'SR'] }) @IsIn(['B', 'T', 'R', 'SR'])
  securityClass: 'B' | 'T' | 'R' | 'SR';

  @ApiProperty({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'])
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiProperty({ example: 'PL.01.8' }) @CleanText() @Length(2, 30)
  classificationCode: string;

  @ApiProperty({ type: [RecipientDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients: RecipientDto[];

  @ApiProperty({ type: [Number], description: 'pemeriksa berurutan' }) @IsArray() @ArrayMaxSize(10) @IsEntityId({ each: true })
  reviewerPositionIds: number[];

  @ApiProperty() @IsEntityId()
  signerPositionId: number;
}

export class UpdateLetterDto {
  @ApiProperty({ description: 'versi yang dibaca (pemeriksaan perubahan bersamaan)' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(1, 10)
  typeCode?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(3, 500)
  subject?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ description: 'new plain-text body (the body document is then derived from it); ignored when bodyDoc is given' }) @IsOptional() @CleanText({ multiline: true }) @Length(1, 200000)
  body?: string;

  @ApiPropertyOptional({ ...contentRef('BodyDoc'), description: BODY_DOC_DESCRIPTION }) @IsOptional() @IsObject()
  bodyDoc?: BodyDoc;

  @ApiPropertyOptional({ ...contentRef('LetterTypeFields'), nullable: true, description: `${TYPE_FIELDS_DESCRIPTION} Replaced whole when given; changing typeCode while fields of the old type remain needs new typeFields (or null).` })
  @IsOptional() @IsObject()
  typeFields?: LetterTypeFields | null;

  @ApiPropertyOptional({ enum: ['B', 'T', 'R', 'SR'] }) @IsOptional() @IsIn(['B', 'T', 'R', 'SR'])
  securityClass?: 'B' | 'T' | 'R' | 'SR';

  @ApiPropertyOptional({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsOptional() @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'])
  urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(2, 30)
  classificationCode?: string;

  @ApiPropertyOptional({ type: [RecipientDto] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsEntityId({ each: true })
  reviewerPositionIds?: number[];

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  signerPositionId?: number;
}

export class ReviewDto {
  @ApiProperty({ enum: ['APPROVE', 'RETURN'] }) @IsIn(['APPROVE', 'RETURN'])
  decision: 'APPROVE' | 'RETURN';

  @ApiPropertyOptional({ description: 'wajib saat mengembalikan' }) @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  note?: string;
}

export class SignDto {
  @ApiProperty({ description: 'konfirmasi kata sandi penandatangan' }) @IsString() @Length(1, 200)
  password: string;
}

export class CancelDto {
  @ApiProperty() @CleanText({ multiline: true }) @Length(3, 1000)
  reason: string;
}

export class CompareQueryDto {
  @ApiProperty() @QueryInt() @Min(1)
  from: number;

  @ApiProperty() @QueryInt() @Min(1)
  to: number;
}

/** GET /api/letters/eligible-participants: for a new draft (the caller's office) or an existing one (`letterId`). */
export class EligibleParticipantsQueryDto {
  @ApiPropertyOptional({ description: "a draft being edited: its office and drafter are used (its drafter only); without it, the caller's own position and office" })
  @IsOptional() @IsEntityId({ bigint: true })
  letterId?: string;

  @ApiPropertyOptional({ description: 'the chosen signer: the a.n. positions it may sign for (and the u.b. under each) are listed; a position the rule does not allow to sign is 400 naming signerPositionId' })
  @IsOptional() @QueryId()
  signerPositionId?: number;
}
