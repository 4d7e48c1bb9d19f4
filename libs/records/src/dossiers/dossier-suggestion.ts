/**
 * Which open dossier a record would fit, best first (the filing screen's suggestion and the
 * archivist's "belum diberkaskan" queue). Pure. A dossier fits when its code is the record's code
 * or an ancestor of it; the same code ranks first, then the same unit, then the most recent period.
 */
export interface SuggestionRecord {
  classificationCode: string | null;
  unitId: number | null;
}

export interface SuggestionCandidate {
  id: string;
  title: string;
  classificationCode: string;
  unitId: number;
  periodStart: string;
}

/** `PL.01.8` → ['PL', 'PL.01', 'PL.01.8']: the codes a fitting dossier may have. */
export function codesFitting(code: string | null): string[] {
  return code ? code.split('.').map((_, i, a) => a.slice(0, i + 1).join('.')) : [];
}

export function rankSuggestions<T extends SuggestionCandidate>(rec: SuggestionRecord, candidates: T[]): (T & { reason: string })[] {
  const fits = new Set(codesFitting(rec.classificationCode));
  const score = (d: T) => (d.classificationCode === rec.classificationCode ? 4 : 0) + (rec.unitId !== null && d.unitId === rec.unitId ? 2 : 0);
  return candidates
    .filter((d) => !fits.size || fits.has(d.classificationCode))
    .sort((a, b) => score(b) - score(a) || b.periodStart.localeCompare(a.periodStart) || Number(b.id) - Number(a.id))
    .map((d) => ({
      ...d,
      reason: [d.classificationCode === rec.classificationCode ? 'kode klasifikasi sama' : `kode induk ${d.classificationCode}`, rec.unitId !== null && d.unitId === rec.unitId ? 'unit kerja sama' : null]
        .filter(Boolean)
        .join(', '),
    }));
}
