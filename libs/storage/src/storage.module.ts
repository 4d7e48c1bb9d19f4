import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@naskah/core';
import { FilesService } from './files.service';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import { StoragePort } from './storage.port';

@Global()
@Module({
  providers: [{ provide: StoragePort, inject: [AppConfig], useFactory: (c: AppConfig) => (c.STORAGE_DRIVER === 's3' ? S3Storage.fromConfig(c) : new LocalDiskStorage(c.STORAGE_DIR)) }, FilesService],
  exports: [StoragePort, FilesService],
})
export class StorageModule {}
