export * from './roles';
export * from './users.service';
export * from './delegations.service';
export * from './acting-positions.cache';
export * from './auth/auth.service';
export * from './auth/stream-tickets';
export { loadOrCreateJwtSecret } from './auth/jwt-secret';
export * from './identity.module';
export { seedDemoUsers, DEMO_PASSWORD, DEMO_OFFICES } from './demo-users';
