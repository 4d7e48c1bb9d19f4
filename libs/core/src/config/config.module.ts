import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../clock/clock';
import { AppConfig, loadConfig } from './app-config';

/** Configuration (validated at boot) and the clock, available everywhere. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => loadConfig() },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [AppConfig, Clock],
})
export class CoreModule {}
