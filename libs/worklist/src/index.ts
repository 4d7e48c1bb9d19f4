export * from './worklist.service';
export * from './worklist.module';
