/** Everything the lembar disposisi prints; the renderer reads nothing else (no clock, no database). */
export interface SheetNode {
  depth: number;
  from: string;
  /** '', 'Plt.' or 'Plh.' */
  fromPrefix: string;
  to: string;
  instructions: string[];
  note: string | null;
  priority: string;
  deadline: string | null;
  status: string;
  issuedAt: Date;
}

export interface SheetInput {
  deliveryId: string;
  officeName: string;
  agenda: { number: number; year: number; receivedAt: Date };
  letter: { number: string | null; date: Date | null; sender: string; subject: string; securityClass: string; urgency: string };
  receivedBy: string;
  nodes: SheetNode[];
  /** the PDF's CreationDate: the latest change shown, so the same tree renders the same bytes */
  asOf: Date;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "28 Desember 2026" for a Jakarta day (YYYY-MM-DD) or an instant (taken in WIB). */
export function tanggal(value: Date | string | null): string {
  if (value === null) return '-';
  const iso = typeof value === 'string' ? value : new Date(value.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export const SECURITY_LABEL: Record<string, string> = { B: 'Biasa', T: 'Terbatas', R: 'Rahasia', SR: 'Sangat Rahasia' };
export const URGENCY_LABEL: Record<string, string> = { BIASA: 'Biasa', SEGERA: 'Segera', AMAT_SEGERA: 'Amat Segera' };
export const STATUS_LABEL: Record<string, string> = { UNREAD: 'Belum dibaca', READ: 'Dibaca', IN_PROGRESS: 'Dikerjakan', DONE: 'Selesai', CANCELLED: 'Dibatalkan' };
