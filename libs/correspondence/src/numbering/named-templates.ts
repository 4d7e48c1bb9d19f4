/** Current KPU format: `1/PY.01.1-SD/5304/2024`. */
export const KPU_CURRENT = '{seq}/{classification}-{type}/{region}/{year}';

/** Legacy format with the unit and a Roman month: `203/TIK.03-ND/SEK-PROV/IV/2017`. */
export const KPU_LEGACY_UNIT = '{seq}/{classification}-{type}/{unit}/{romanMonth}/{year}';

/**
 * Legacy KPU RI format: `929/HK.03.1-Kpt/04/KPU/V/2019`. The `04` is not the month (V is May): it
 * is the issuing unit's (Biro's) code, so it is `{unit}`, followed by the office short code.
 */
export const KPU_RI_LEGACY_DECISION = '{seq}/{classification}-{type}/{unit}/{office}/{romanMonth}/{year}';

/** Keputusan (decree): `Nomor 57 Tahun 2022`. */
export const KEPUTUSAN = 'Nomor {seq} Tahun {year}';

/** The built-in templates by name, for pickers and seeds. */
export const NUMBER_TEMPLATES = {
  KPU_CURRENT,
  KPU_LEGACY_UNIT,
  KPU_RI_LEGACY_DECISION,
  KEPUTUSAN,
} as const;
export type NumberTemplateName = keyof typeof NUMBER_TEMPLATES;
