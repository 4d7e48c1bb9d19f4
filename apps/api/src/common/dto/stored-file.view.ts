import { ApiProperty } from '@nestjs/swagger';
import type { StoredFile } from '@naskah/storage';

/** A stored file (an uploaded attachment or follow-up file), checked by its SHA-256. */
export class StoredFileView implements StoredFile {
  @ApiProperty() id: string;
  @ApiProperty() storageKey: string;
  @ApiProperty({ description: 'lower-case hex SHA-256 of the bytes' }) sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ example: 'application/pdf' }) mime: string;
  @ApiProperty() originalName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt: Date | null;
}
