import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@naskah/core';
import { FilesService } from './files.service';
import { LocalDiskStorage } from './local-disk.storage';
import { StoragePort } from './storage.port';

@Global()
@Module({
  providers: [{ provide: StoragePort, inject: [AppConfig], useFactory: (c: AppConfig) => new LocalDiskStorage(c.STORAGE_DIR) }, FilesService],
  exports: [StoragePort, FilesService],
})
export class StorageModule {}
