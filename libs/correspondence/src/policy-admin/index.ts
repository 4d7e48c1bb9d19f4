export * from './routing-policy.service';
export * from './number-templates.service';
