export * from './roles';
export * from './users.service';
export * from './delegations.service';
export * from './acting-positions.cache';
export * from './auth/auth.service';
export * from './identity.module';
export { seedDemoUsers, DEMO_PASSWORD, DEMO_OFFICES } from './demo-users';
