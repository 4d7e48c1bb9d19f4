export * from './storage.port';
export * from './local-disk.storage';
export * from './s3.storage';
export * from './files.service';
export * from './storage.module';
export * from './storage-orphans.job';
