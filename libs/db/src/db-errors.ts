/** The driver's error code of a failed query (TypeORM wraps mysql2's error as `driverError`). */
export function dbErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True for a duplicate-key error on the named unique key. A "does it exist?" check inside a
 * transaction cannot see a concurrent, uncommitted insert; the unique key decides, and this turns
 * its verdict into the domain's 409 instead of a 500.
 */
export function isDuplicateKey(err: unknown, key: string): boolean {
  const e = err as { driverError?: { sqlMessage?: string }; sqlMessage?: string; message?: string };
  // MariaDB names the key as 'uq_x', MySQL 8 as 'table.uq_x'.
  const text = e?.driverError?.sqlMessage ?? e?.sqlMessage ?? e?.message ?? '';
  return dbErrorCode(err) === 'ER_DUP_ENTRY' && (text.includes(`'${key}'`) || text.includes(`.${key}'`));
}
