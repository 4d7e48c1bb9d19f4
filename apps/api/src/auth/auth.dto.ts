import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'kasubbag.umum.5204' }) @IsString() @Length(1, 60)
  username: string;

  @ApiProperty({ example: 'Naskah#2026' }) @IsString() @Length(1, 200)
  password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MaxLength(200) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'refreshToken must be a base64url token' })
  refreshToken: string;
}
