import { addYears, IsoDate } from './calendar';

/**
 * THE retention rule (JRA): when a dossier's active and inactive periods end, what happens then,
 * and why. Pure: the inputs are the rule version the dossier was scheduled under, its trigger
 * dates and any recorded re-appraisal; nothing here reads the clock or the database.
 */
export type FinalAction = 'MUSNAH' | 'PERMANEN' | 'DINILAI_KEMBALI';
/** What starts the clock: the dossier being closed, or an event date set on it ("no longer in force"). */
export type RetentionTrigger = 'CLOSED' | 'EVENT';

export interface RuleVersion {
  ruleId: number;
  scheduleVersion: number;
  effectiveFrom: IsoDate;
  classificationCode: string;
  activeYears: number;
  inactiveYears: number;
  trigger: RetentionTrigger;
  finalAction: FinalAction;
  source: string | null;
  isDemo: boolean;
}

/** A recorded re-appraisal's effect: extra inactive years, another final action. */
export interface RetentionAdjustments {
  extraYears: number;
  finalActionOverride: FinalAction | null;
}

export interface RetentionWhy {
  ruleId: number;
  scheduleVersion: number;
  effectiveFrom: IsoDate;
  classificationCode: string;
  activeYears: number;
  inactiveYears: number;
  extraYears: number;
  trigger: RetentionTrigger;
  triggerDate: IsoDate | null;
  finalActionFrom: 'RULE' | 'REAPPRAISAL';
  source: string | null;
  isDemo: boolean;
  /** What the clock still waits for, when it has not started. */
  waitingFor: 'CLOSING' | 'EVENT_DATE' | null;
  /** The dossier was closed on a past date (legacy records): that date, the day it was recorded, and why. */
  closedRetroactively: { closedOn: IsoDate; recordedOn: IsoDate; reason: string } | null;
  /** One sentence in Bahasa Indonesia. */
  text: string;
}

export interface RetentionDates {
  triggerDate: IsoDate | null;
  activeUntil: IsoDate | null;
  inactiveUntil: IsoDate | null;
  finalAction: FinalAction;
  retentionYears: number;
  why: RetentionWhy;
}

export const FINAL_ACTION_LABEL: Record<FinalAction, string> = { MUSNAH: 'Musnah', PERMANEN: 'Permanen', DINILAI_KEMBALI: 'Dinilai kembali' };
const TRIGGER_LABEL: Record<RetentionTrigger, string> = { CLOSED: 'berkas ditutup', EVENT: 'tanggal peristiwa' };

/** A closing recorded on `recordedOn` for an earlier day (`closedOn` in the dates): the archivist's reason. */
export interface RetroactiveClosing {
  recordedOn: IsoDate;
  reason: string;
}

export function computeRetention(
  rule: RuleVersion,
  dates: { closedOn: IsoDate | null; eventDate: IsoDate | null; retroactive?: RetroactiveClosing | null },
  adj: RetentionAdjustments = { extraYears: 0, finalActionOverride: null },
): RetentionDates {
  const triggerDate = rule.trigger === 'CLOSED' ? dates.closedOn : dates.eventDate;
  const waitingFor = triggerDate ? null : rule.trigger === 'CLOSED' ? 'CLOSING' : 'EVENT_DATE';
  const activeUntil = triggerDate ? addYears(triggerDate, rule.activeYears) : null;
  const inactiveUntil = activeUntil ? addYears(activeUntil, rule.inactiveYears + adj.extraYears) : null;
  const finalAction = adj.finalActionOverride ?? rule.finalAction;
  const retentionYears = rule.activeYears + rule.inactiveYears + adj.extraYears;
  const extra = adj.extraYears ? ` + ${adj.extraYears} th (penilaian kembali)` : '';
  const head = `JRA versi ${rule.scheduleVersion} (berlaku ${rule.effectiveFrom}${rule.isDemo ? ', nilai CONTOH' : ''}) untuk ${rule.classificationCode}: aktif ${rule.activeYears} th sejak ${TRIGGER_LABEL[rule.trigger]}`;
  const text = triggerDate
    ? `${head} ${triggerDate} → s.d. ${activeUntil}; inaktif ${rule.inactiveYears} th${extra} → s.d. ${inactiveUntil}; lalu ${FINAL_ACTION_LABEL[finalAction]}${adj.finalActionOverride ? ' (hasil penilaian kembali)' : ''}.`
    : `${head}; jadwal belum berjalan: menunggu ${waitingFor === 'CLOSING' ? 'berkas ditutup' : 'tanggal peristiwa diisi'}.`;
  const retro = dates.retroactive && dates.closedOn ? { closedOn: dates.closedOn, recordedOn: dates.retroactive.recordedOn, reason: dates.retroactive.reason } : null;
  const retroText = retro ? ` Ditutup berlaku surut per ${retro.closedOn} (dicatat ${retro.recordedOn}), alasan: ${retro.reason}.` : '';
  return {
    triggerDate, activeUntil, inactiveUntil, finalAction, retentionYears,
    why: {
      ruleId: rule.ruleId, scheduleVersion: rule.scheduleVersion, effectiveFrom: rule.effectiveFrom, classificationCode: rule.classificationCode,
      activeYears: rule.activeYears, inactiveYears: rule.inactiveYears, extraYears: adj.extraYears, trigger: rule.trigger, triggerDate,
      finalActionFrom: adj.finalActionOverride ? 'REAPPRAISAL' : 'RULE', source: rule.source, isDemo: rule.isDemo, waitingFor,
      closedRetroactively: retro, text: text + retroText,
    },
  };
}

const KEEP_RANK: Record<FinalAction, number> = { MUSNAH: 0, DINILAI_KEMBALI: 1, PERMANEN: 2 };

type RuleShape = Pick<RuleVersion, 'activeYears' | 'inactiveYears' | 'trigger' | 'finalAction'>;

/**
 * True when `next` keeps a record at least as long and at least as safely as `prev`: no shorter
 * active period, no shorter total, no "weaker" final action (MUSNAH < DINILAI_KEMBALI < PERMANEN)
 * and the same trigger. Anything else would shorten retention and needs a recorded re-appraisal.
 */
export function isNotShorter(prev: RuleShape, next: RuleShape): boolean {
  return (
    next.trigger === prev.trigger &&
    next.activeYears >= prev.activeYears &&
    next.activeYears + next.inactiveYears >= prev.activeYears + prev.inactiveYears &&
    KEEP_RANK[next.finalAction] >= KEEP_RANK[prev.finalAction]
  );
}

/**
 * Which rule version a dossier is scheduled under when its clock starts: the version in force on
 * that day, unless it would shorten the retention of the version pinned when the dossier was
 * created — then the pinned version stays and a re-appraisal is flagged.
 */
export function ruleAtScheduling(pinned: RuleVersion, inForce: RuleVersion | null): { rule: RuleVersion; switched: boolean; reappraisalNeeded: boolean } {
  if (!inForce || inForce.ruleId === pinned.ruleId) return { rule: pinned, switched: false, reappraisalNeeded: false };
  if (isNotShorter(pinned, inForce)) return { rule: inForce, switched: true, reappraisalNeeded: false };
  return { rule: pinned, switched: false, reappraisalNeeded: true };
}

/**
 * Whether a dossier scheduled under `pinned` still needs a re-appraisal once these rule versions of
 * its classification exist: true when a version that is in force today, or will come into force
 * later, does not keep the record as long (isNotShorter). A version that is never in force again
 * (superseded before today, or shadowed on its effective day by a later version) no longer matters.
 * `versions` are every version of the classification, with their effective dates.
 */
export function reappraisalStillNeeded(pinned: RuleShape & Pick<RuleVersion, 'ruleId'>, versions: Pick<RuleVersion, 'ruleId' | 'scheduleVersion' | 'effectiveFrom' | keyof RuleShape>[], today: IsoDate): boolean {
  return rulesInForceFrom(versions, today).some((v) => v.ruleId !== pinned.ruleId && !isNotShorter(pinned, v));
}

/** The versions in force on some day from `today` on: the one in force today and each later one on its effective day. */
export function rulesInForceFrom<V extends Pick<RuleVersion, 'scheduleVersion' | 'effectiveFrom'>>(versions: V[], today: IsoDate): V[] {
  const inForceOn = (day: IsoDate) =>
    versions.filter((v) => v.effectiveFrom <= day).sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.scheduleVersion - a.scheduleVersion : a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  const days = [today, ...new Set(versions.map((v) => v.effectiveFrom).filter((d) => d > today))];
  return [...new Set(days.map(inForceOn).filter((v): v is V => Boolean(v)))];
}

export type DossierStatus = 'ACTIVE' | 'CLOSED' | 'INACTIVE' | 'REVIEW' | 'DESTROYED' | 'HANDED_OVER';

/**
 * The date the sweep should next look at a dossier: end of the active period while CLOSED, of the
 * inactive period while INACTIVE — or, when a rejected proposal paused it, the day the pause ends
 * if that is later (`notProposedBefore`).
 */
export function sweepDueOf(status: DossierStatus, dates: { activeUntil: IsoDate | null; inactiveUntil: IsoDate | null }, notProposedBefore: IsoDate | null = null): IsoDate | null {
  const due = status === 'CLOSED' ? dates.activeUntil : status === 'INACTIVE' ? dates.inactiveUntil : null;
  return due && notProposedBefore && notProposedBefore > due ? notProposedBefore : due;
}
