const JAKARTA_OFFSET_MS = 7 * 3600 * 1000;

/**
 * Calendar parts of an instant in Asia/Jakarta (UTC+7, no DST). Same rule as `jakartaParts` in
 * @naskah/core, repeated here so this module stays free of runtime dependencies.
 */
export function jakartaDateParts(at: Date): { year: number; month: number; day: number } {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new RangeError('Tanggal tidak valid (invalid date)');
  }
  const d = new Date(at.getTime() + JAKARTA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
