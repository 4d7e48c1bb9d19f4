import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'kasubbag.umum.5204' }) @IsString() @Length(1, 60)
  username: string;

  @ApiProperty({ example: 'Naskah#2026' }) @IsString() @Length(1, 200)
  password: string;
}

/** Refresh and logout: the token in the body, or (header X-Naskah-Session: cookie) in the httpOnly cookie. */
export class RefreshDto {
  @ApiPropertyOptional({ description: 'wajib kecuali sesi cookie (X-Naskah-Session: cookie)' }) @IsOptional() @IsString() @MaxLength(200) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'refreshToken must be a base64url token' })
  refreshToken?: string;
}

