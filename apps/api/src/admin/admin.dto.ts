import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ALL_ROLES, type Role } from '@naskah/identity';

const KINDS = ['KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG', 'ARSIPARIS', 'PENCATAT', 'STAF'] as const;

export class CreateUserDto {
  @ApiProperty() @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'username: 3–60 huruf kecil, angka, titik, garis' })
  username: string;

  @ApiProperty() @IsString() @Length(2, 200)
  fullName: string;

  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10, { message: 'password minimal 10 karakter' }) @MaxLength(200)
  password: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{18}$/, { message: 'nip harus 18 digit' })
  nip?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  positionId?: number;

  @ApiPropertyOptional({ enum: ALL_ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayUnique() @IsIn(ALL_ROLES, { each: true })
  grants?: Role[];
}

export class UpdateUserDto {
  @ApiProperty({ description: 'versi yang dibaca; perubahan ditolak bila sudah berubah' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200)
  fullName?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{18}$/, { message: 'nip harus 18 digit' })
  nip?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  positionId?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ enum: ALL_ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayUnique() @IsIn(ALL_ROLES, { each: true })
  grants?: Role[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(10) @MaxLength(200)
  password?: string;
}

export class UserQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  officeId?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}

export class CreatePositionDto {
  @ApiProperty() @IsInt() @Min(1)
  officeId: number;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  unitId?: number;

  @ApiProperty() @IsInt() @Min(1)
  parentId: number;

  @ApiProperty() @Matches(/^[A-Z0-9-]{2,60}$/, { message: 'code: 2–60 huruf besar, angka, garis' })
  code: string;

  @ApiProperty() @IsString() @Length(2, 200)
  title: string;

  @ApiProperty({ enum: KINDS }) @IsIn(KINDS)
  kind: (typeof KINDS)[number];
}

export class UpdatePositionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200)
  title?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isActive?: boolean;
}

export class CreateDelegationDto {
  @ApiProperty() @IsInt() @Min(1)
  userId: number;

  @ApiProperty() @IsInt() @Min(1)
  positionId: number;

  @ApiProperty({ enum: ['PLT', 'PLH'] }) @IsIn(['PLT', 'PLH'])
  kind: 'PLT' | 'PLH';

  @ApiProperty({ example: '2026-12-01' }) @IsDateString({ strict: true }) @Length(10, 10)
  startsOn: string;

  @ApiProperty({ example: '2026-12-14' }) @IsDateString({ strict: true }) @Length(10, 10)
  endsOn: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class DelegationQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  userId?: number;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  positionId?: number;
}
