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
};

export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_TITLES) as NotificationType[];
