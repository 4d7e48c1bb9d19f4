export * from './organisation.types';
export * from './position-tree';
export * from './organisation.service';
export * from './organisation.module';
export { seedOrganisation, readRegions } from './seed/org-seed';
export { STRUCTURE } from './seed/org-structure';
export * from './positions-admin.service';
export * from './office-letterhead.service';
