const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** A month number (1–12) in Roman numerals, as legacy KPU letter numbers print it (`IV`). */
export function toRoman(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Bulan harus bilangan bulat 1–12 (month out of range): ${month}`);
  }
  return ROMAN_MONTHS[month - 1];
}
