import { ApiProperty } from '@nestjs/swagger';

export class IncomingScan {
  @ApiProperty() id: string;
  @ApiProperty() sha256: string;
  @ApiProperty() mime: string;
  @ApiProperty() sizeBytes: number;
}

/** A registered external letter: the letter, its transmission to the addressees and the stored scan. */
export class IncomingRegistered {
  @ApiProperty() letterId: string;
  @ApiProperty() transmissionId: string;
  @ApiProperty({ type: () => IncomingScan, nullable: true }) file: IncomingScan | null;
}
