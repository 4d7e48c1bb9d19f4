import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, MinLength } from 'class-validator';
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
