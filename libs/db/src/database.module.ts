import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@naskah/core';
import { BatchSql } from './batch-sql';
import { dataSourceOptions } from './data-source-options';
import { ReadReplicas } from './read-replicas';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE } as never),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [BatchSql, ReadReplicas],
  exports: [BatchSql, ReadReplicas],
})
export class DatabaseModule {}
