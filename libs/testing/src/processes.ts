/**
 * Real processes for the reliability suites (test/reliability): a private MariaDB and Redis per
 * suite on free ports under `.data/reliability/<suite>/`, and the API and worker as child
 * processes (`node -r @swc-node/register apps/.../main.ts`), each with its output in a log file.
 * Servers and apps can be stopped, SIGKILLed and restarted; every failure message carries the tail
 * of the logs. Nothing here touches the shared test MariaDB/Redis.
 *
 * The migrated and seeded database is prepared once per content of the migrations and seeds (a
 * template data directory, keyed by a hash of those files) and copied for each suite.
 */
export * from './processes/util';
export * from './processes/managed-process';
export * from './processes/servers';
export * from './processes/template-db';
export * from './processes/api-client';
export * from './processes/reliability-env';
export * from './processes/redis-sentinel';
export * from './processes/redis-cluster';
