export * from './config/app-config';
export * from './config/config.module';
export * from './errors/domain-error';
export * from './clock/clock';
export * from './http/error.filter';
export * from './http/validation';
export * from './logging/logging';
export * from './http/body-guard';
