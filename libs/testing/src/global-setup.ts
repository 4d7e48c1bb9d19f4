import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Jest's globalSetup does not see moduleNameMapper, so the database preparation runs as a child
 * process with the same TypeScript register the apps use.
 */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..', '..');
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'prepare-test-databases.ts')], { cwd: root, stdio: 'inherit', env: process.env });
}
