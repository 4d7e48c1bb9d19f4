import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CleanText, IsCalendarDate, IsEntityId, QueryId } from '@naskah/core';
import { ALL_ROLES, type Role } from '@naskah/identity';

const KINDS = ['KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG', 'ARSIPARIS', 'PENCATAT', 'STAF'] as const;

export class CreateUserDto {
  @ApiProperty() @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'username: 3–60 huruf kecil, angka, titik, garis' })
  username: string;

  @ApiProperty() @CleanText() @Length(2, 200)
  fullName: string;

  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10, { message: 'password minimal 10 karakter' }) @MaxLength(200)
  password: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{18}$/, { message: 'nip harus 18 digit' })
  nip?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  positionId?: number;

  @ApiPropertyOptional({ enum: ALL_ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayUnique() @IsIn(ALL_ROLES, { each: true })
  grants?: Role[];
}

export class UpdateUserDto {
  @ApiProperty({ description: 'versi yang dibaca; perubahan ditolak bila sudah berubah' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(2, 200)
  fullName?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{18}$/, { message: 'nip harus 18 digit' })
  nip?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  positionId?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ enum: ALL_ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayUnique() @IsIn(ALL_ROLES, { each: true })
  grants?: Role[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(10) @MaxLength(200)
  password?: string;
}

export class UserQueryDto {
  @ApiPropertyOptional() @IsOptional() @QueryId()
  officeId?: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(100)
  q?: string;
}

export class CreatePositionDto {
  @ApiProperty() @IsEntityId()
  officeId: number;

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  unitId?: number;

  @ApiProperty() @IsEntityId()
  parentId: number;

  @ApiProperty() @Matches(/^[A-Z0-9-]{2,60}$/, { message: 'code: 2–60 huruf besar, angka, garis' })
  code: string;

  @ApiProperty() @CleanText() @Length(2, 200)
  title: string;

  @ApiProperty({ enum: KINDS }) @IsIn(KINDS)
  kind: (typeof KINDS)[number];
}

export class UpdatePositionDto {
  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(2, 200)
  title?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isActive?: boolean;
}

export class CreateDelegationDto {
  @ApiProperty() @IsEntityId()
  userId: number;

  @ApiProperty() @IsEntityId()
  positionId: number;

  @ApiProperty({ enum: ['PLT', 'PLH'] }) @IsIn(['PLT', 'PLH'])
  kind: 'PLT' | 'PLH';

  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ example: '2026-12-14' }) @IsCalendarDate()
  endsOn: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(500)
  reason?: string;
}

export class DelegationQueryDto {
  @ApiPropertyOptional() @IsOptional() @QueryId()
  userId?: number;

  @ApiPropertyOptional() @IsOptional() @QueryId()
  positionId?: number;
}

/** Present, not null and not '': the rules apply; null or '' clears the field, absent leaves it. */
const given = (_o: object, v: unknown) => v !== undefined && v !== null && v !== '';

/** Kop surat of an office. Each field optional; null or '' clears it. */
export class UpdateOfficeLetterheadDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Jalan Garuda Nomor 1, Sumbawa Besar, Nusa Tenggara Barat 84312' })
  @ValidateIf(given) @CleanText() @Length(5, 300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '(0371) 21234', description: 'digits, spaces and + - ( ) only' })
  @ValidateIf(given)
  @IsString()
  @Matches(/^(?=(?:\D*\d){5})[0-9 +()-]{5,40}$/, { message: 'phone: nomor telepon hanya angka, spasi dan + - ( ), 5–40 karakter dengan sedikitnya 5 angka (digits, spaces and +-() only)' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'kab-sumbawa@kpu.go.id' })
  @ValidateIf(given) @IsString() @MaxLength(254) @IsEmail({}, { message: 'email: alamat pos-el tidak sah (invalid e-mail address)' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://kab-sumbawa.kpu.go.id' })
  @ValidateIf(given)
  @IsString()
  @MaxLength(200)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true, allow_underscores: false }, { message: 'website: alamat laman harus URL https:// yang sah (must be an https URL)' })
  website?: string | null;
}
