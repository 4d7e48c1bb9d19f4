/** Everything the lembar disposisi prints; the renderer reads nothing else (no clock, no database). */

/** A person on the sheet: the position and the name of whoever acted in it (or holds it). */
export interface SheetPerson {
  title: string;
  /** '', 'Plt.' or 'Plh.' */
  prefix: string;
  name: string | null;
}

export interface SheetFollowUp {
  body: string;
  by: SheetPerson;
  at: Date;
}

/** One recipient of a disposition (one `dispositions` row). */
export interface SheetRecipient {
  to: SheetPerson;
  status: string;
  /** receipt recorded in the app (the electronic paraf), and by whom */
  readAt: Date | null;
  readBy: string | null;
  followUps: SheetFollowUp[];
  completedAt: Date | null;
  completedBy: string | null;
  cancelledAt: Date | null;
  /** numbers of the dispositions this recipient gave further down, e.g. ['1.1', '1.2'] */
  onward: string[];
}

/** One disposition as the author gave it: one instruction to one or more recipients at once. */
export interface SheetNode {
  /** hierarchical number: '1', '1.2', '1.2.1' */
  number: string;
  depth: number;
  from: SheetPerson;
  issuedAt: Date;
  instructions: string[];
  note: string | null;
  priority: string;
  deadline: string | null;
  recipients: SheetRecipient[];
}

export interface SheetInput {
  deliveryId: string;
  officeName: string;
  officeCity: string;
  agenda: { number: number; year: number; receivedAt: Date };
  letter: { number: string | null; date: Date | string | null; sender: string; subject: string; securityClass: string; urgency: string };
  receivedBy: SheetPerson;
  nodes: SheetNode[];
  /** the PDF's CreationDate: the latest change shown, so the same tree renders the same bytes */
  asOf: Date;
}

export { tanggalWib as tanggal, waktuWib as waktu } from '@naskah/core';

export const SECURITY_LABEL: Record<string, string> = { B: 'Biasa', T: 'Terbatas', R: 'Rahasia', SR: 'Sangat Rahasia' };
export const URGENCY_LABEL: Record<string, string> = { BIASA: 'Biasa', SEGERA: 'Segera', AMAT_SEGERA: 'Amat Segera' };
export const STATUS_LABEL: Record<string, string> = { UNREAD: 'Belum dibaca', READ: 'Sudah dibaca', IN_PROGRESS: 'Sedang dikerjakan', DONE: 'Selesai', CANCELLED: 'Dibatalkan' };

export function personLabel(p: SheetPerson): string {
  const title = `${p.prefix ? `${p.prefix} ` : ''}${p.title}`;
  return p.name ? `${title}\n${p.name}` : title;
}
