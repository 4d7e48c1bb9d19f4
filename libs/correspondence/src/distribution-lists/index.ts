export * from './distribution-list.entity';
export * from './distribution-lists.service';
