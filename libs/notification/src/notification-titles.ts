import type { NotificationType } from './notification.types';

/** Default short titles (Bahasa Indonesia); a notification may carry a more specific one. */
export const NOTIFICATION_TITLES: Record<NotificationType, string> = {
  LETTER_RECEIVED: 'Surat masuk baru',
  LETTER_UNREAD_REMINDER: 'Pengingat: surat masuk belum dibaca',
  DRAFT_RETURNED: 'Konsep naskah dikembalikan',
  DISPOSITION_NEW: 'Disposisi baru',
  DISPOSITION_REMINDER: 'Pengingat: batas waktu disposisi besok (hari kerja berikutnya)',
  DISPOSITION_DUE: 'Batas waktu disposisi hari ini',
  DISPOSITION_OVERDUE: 'Disposisi melewati batas waktu',
  DISPOSITION_ESCALATION: 'Eskalasi: disposisi bawahan melewati batas waktu',
  DISPOSITION_DONE: 'Disposisi selesai ditindaklanjuti',
  DISPOSITION_PREPARED: 'Rancangan disposisi menunggu persetujuan Anda',
  PIPELINE_LATE: 'Pengiriman naskah tertunda: antrean atau outbox melewati batas waktu (lihat /health/pipeline)',
  REVIEW_REQUESTED: 'Perlu paraf',
  SIGNATURE_REQUESTED: 'Perlu tanda tangan',
  READY_TO_SEND: 'Siap dikirim',
  PROPOSAL_APPROVAL_REQUESTED: 'Usulan menunggu persetujuan Anda',
};

export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_TITLES) as NotificationType[];

/** What a title may say about a letter. */
export interface LetterNaming {
  id: string;
  number?: string | null;
  subject?: string | null;
  securityClass?: 'B' | 'T' | 'R' | 'SR' | string | null;
}

const SUBJECT_MAX = 80;
const SECRET: Record<string, string> = { R: 'Rahasia', SR: 'Sangat Rahasia' };

/**
 * How a title names a letter: its number when it has one, otherwise its subject (hal), cut to 80
 * characters. The subject of a Rahasia / Sangat Rahasia letter never goes into a title (titles are
 * stored and may later leave the app through other channels): such a letter is named by its number,
 * or by "naskah #id (Rahasia)" while it is a draft.
 */
export function letterLabel(l: LetterNaming): string {
  if (l.number) return `nomor ${l.number}`;
  const secret = l.securityClass ? SECRET[l.securityClass] : undefined;
  if (secret || !l.subject?.trim()) return `naskah #${l.id}${secret ? ` (${secret})` : ''}`;
  const s = l.subject.trim().replace(/\s+/g, ' ');
  return `"${s.length > SUBJECT_MAX ? `${s.slice(0, SUBJECT_MAX - 1)}…` : s}"`;
}

/** A title that names what it is about: "Perlu paraf: "Usulan PAW anggota PPK"". */
export function titleAbout(type: NotificationType, label: string): string {
  return `${NOTIFICATION_TITLES[type]}: ${label}`;
}
