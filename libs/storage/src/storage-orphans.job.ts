import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@naskah/queue';
import { FilesService } from './files.service';

/** Hourly: bytes left in storage by an upload whose transaction rolled back (FilesService.sweepOrphans). */
@Injectable()
export class StorageOrphansJob {
  constructor(private readonly files: FilesService) {}

  @JobHandler(JobName.STORAGE_ORPHANS)
  run(): Promise<{ examined: number; removed: number }> {
    return this.files.sweepOrphans();
  }
}
