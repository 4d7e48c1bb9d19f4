import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError, forbidden } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { accessSql } from '../access/access-policy';
import { LetterAccessService } from '../access/letter-access.service';
import { agendaRange, AgendaFormat } from './agenda-range';
import { IncomingRow, OutgoingRow, renderAgendaPdf, renderAgendaXlsx, RegisterKind } from './agenda-documents';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Who keeps the office's registers (buku agenda): the registry clerk (REGISTRAR: pencatat / TU),
 * the archivist (ARCHIVIST), and the office's leadership and secretary — the holder (or today's
 * Plt./Plh.) of a KETUA, ANGGOTA, SEKRETARIS_JENDERAL or SEKRETARIS position. Other LEADER
 * positions (kepala biro, kabag, kasubbag) work from their own inbox, not the office's register.
 */
const KEEPER_KINDS = ['KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS'];

/** The most rows one file carries: a PDF is rendered in the API process, a workbook in memory. */
export const AGENDA_MAX_ROWS = { pdf: 5_000, xlsx: 50_000 } as const;

const CAPACITY: Record<string, string> = { SENDIRI: '', PLT: 'Plt. ', PLH: 'Plh. ', AN: 'a.n. ' };
const CLASS_WORD: Record<string, string> = { T: 'Terbatas', R: 'Rahasia', SR: 'Sangat Rahasia' };

/**
 * The office's registers of incoming (agenda surat masuk) and outgoing letters (surat keluar) for
 * a range of WIB days, as XLSX or PDF.
 *
 * Access rule (DESIGN §5 "access follows the security class on every read, list, search and
 * download"): the register's metadata — agenda number, dates, sender or addressees, number,
 * sifat, signer, to whom it went — is the register keepers' own record and is printed for every
 * letter of the office; the subject (hal) is printed only when the caller may read the letter
 * itself (the same rule as every list: accessSql). Otherwise the cell says "(Rahasia — hal tidak
 * ditampilkan)", naming the class, so the register stays complete without disclosing content.
 */
@Injectable()
export class AgendaRegisterService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly clock: Clock,
  ) {}

  async render(p: Principal, kind: RegisterKind, q: { from?: unknown; to?: unknown; format?: unknown }): Promise<{ data: Buffer; mime: string; filename: string }> {
    const range = agendaRange(q);
    const viewer = await this.access.viewerOf(p);
    await this.assertKeeper(p, viewer.positionIds);
    const [office] = await this.ds.query('SELECT id, code, name, city FROM offices WHERE id = ?', [p.officeId]);
    const can = accessSql('l', viewer);
    const hidden = (cls: string) => `(${CLASS_WORD[cls] ?? cls} — hal tidak ditampilkan)`;
    const meta = { officeName: String(office.name), officeCity: String(office.city), from: range.from, to: range.to, printedAt: this.clock.now(), printedBy: p.fullName };
    const base = `buku-agenda-${kind === 'INCOMING' ? 'masuk' : 'keluar'}-${office.code}-${range.from}_${range.to}`;
    if (kind === 'INCOMING') {
      const rows = await this.ds.query(
        `SELECT d.id, d.agenda_number, d.agenda_year, d.created_at, d.sender_name, d.number, d.subject, d.security_class, d.urgency, d.kind, d.status,
           l.signed_at, DATE_FORMAT(l.external_date, '%Y-%m-%d') AS external_date, pos.title AS position_title,
           (${can.sql}) AS may_read,
           (SELECT GROUP_CONCAT(rp.title ORDER BY x.id SEPARATOR '; ') FROM dispositions x JOIN positions rp ON rp.id = x.recipient_position_id
              WHERE x.delivery_id = d.id AND x.parent_id IS NULL AND x.status <> 'CANCELLED') AS disposed_to,
           (SELECT GROUP_CONCAT(DISTINCT o2.name ORDER BY tt.ordinal SEPARATOR '; ') FROM transmissions t JOIN transmission_targets tt ON tt.transmission_id = t.id
              JOIN offices o2 ON o2.id = tt.office_id WHERE t.source_delivery_id = d.id AND t.kind = 'FORWARD') AS forwarded_to
         FROM deliveries d JOIN letters l ON l.id = d.letter_id JOIN positions pos ON pos.id = d.position_id
         WHERE d.office_id = ? AND d.created_at >= ? AND d.created_at < ?
         ORDER BY d.agenda_year, d.agenda_number LIMIT ${AGENDA_MAX_ROWS[range.format] + 1}`,
        [...can.params, p.officeId, range.start, range.end],
      );
      this.assertFits(rows.length, range.format);
      const list: IncomingRow[] = rows.map((r: Record<string, any>) => ({
        agenda: `${r.agenda_number}/${r.agenda_year}`, receivedAt: r.created_at as Date, sender: String(r.sender_name), number: r.number ?? null,
        letterDate: r.signed_at ? (r.signed_at as Date) : (r.external_date ?? null),
        subject: Number(r.may_read) ? String(r.subject) : hidden(String(r.security_class)),
        securityClass: String(r.security_class), urgency: String(r.urgency),
        to: [
          `${r.kind === 'CC' ? 'Tembusan' : 'Kepada'}: ${r.position_title}`,
          ...(r.disposed_to ? [`Disposisi: ${r.disposed_to}`] : []),
          ...(r.forwarded_to ? [`Diteruskan: ${r.forwarded_to}`] : []),
          ...(r.status === 'RETURNED' ? ['Dikembalikan ke pengirim'] : []),
        ].join('\n'),
      }));
      return this.file(range.format, base, 'INCOMING', list, meta);
    }
    const rows = await this.ds.query(
      `SELECT l.id, l.number, l.signed_at, l.subject, l.security_class, l.urgency, l.signer_name, l.signer_title, l.signed_capacity, l.status,
         (${can.sql}) AS may_read,
         (SELECT GROUP_CONCAT(CONCAT(r.kind, '|', COALESCE(r.external_name, CONCAT(rp.title, ', ', rpo.name), ro.name, '-')) ORDER BY r.ordinal SEPARATOR '\\n')
            FROM letter_recipients r LEFT JOIN positions rp ON rp.id = r.position_id LEFT JOIN offices rpo ON rpo.id = rp.office_id
            LEFT JOIN offices ro ON ro.id = r.office_id WHERE r.letter_id = l.id AND r.ordinal <= 12) AS recipients,
         (SELECT COUNT(*) FROM letter_recipients r WHERE r.letter_id = l.id AND r.kind = 'TO') AS to_count,
         (SELECT COUNT(*) FROM letter_recipients r WHERE r.letter_id = l.id AND r.kind = 'CC') AS cc_count
       FROM letters l
       WHERE l.office_id = ? AND l.origin = 'INTERNAL' AND l.status IN ('SIGNED', 'SENT') AND l.number IS NOT NULL AND l.signed_at >= ? AND l.signed_at < ?
       ORDER BY l.signed_at, l.id LIMIT ${AGENDA_MAX_ROWS[range.format] + 1}`,
      [...can.params, p.officeId, range.start, range.end],
    );
    this.assertFits(rows.length, range.format);
    const list: OutgoingRow[] = rows.map((r: Record<string, any>) => {
      // the first recipients by name (a circular to 552 offices is summed up, not listed)
      const recips = String(r.recipients ?? '').split('\n').filter(Boolean).map((x) => [x.slice(0, x.indexOf('|')), x.slice(x.indexOf('|') + 1)]);
      const more = (names: string[], total: number) => (total > names.length ? [...names, `dan ${total - names.length} lainnya`] : names);
      const to = more(recips.filter(([k]) => k === 'TO').map(([, n]) => n), Number(r.to_count));
      const cc = more(recips.filter(([k]) => k === 'CC').map(([, n]) => n), Number(r.cc_count));
      return {
        number: String(r.number), signedAt: r.signed_at as Date,
        to: [...to, ...(cc.length ? [`Tembusan: ${cc.join('; ')}`] : [])].join('\n') || '-',
        subject: Number(r.may_read) ? String(r.subject) : hidden(String(r.security_class)),
        securityClass: String(r.security_class), urgency: String(r.urgency),
        signer: `${CAPACITY[r.signed_capacity] ?? ''}${r.signer_title ?? '-'}${r.signer_name ? `\n${r.signer_name}` : ''}`,
        status: r.status === 'SENT' ? 'Terkirim' : 'Ditandatangani, belum dikirim',
      };
    });
    return this.file(range.format, base, 'OUTGOING', list, meta);
  }

  private async file(format: AgendaFormat, base: string, kind: RegisterKind, rows: IncomingRow[] | OutgoingRow[], meta: Parameters<typeof renderAgendaPdf>[2]) {
    if (format === 'pdf') return { data: await renderAgendaPdf(kind, rows, meta), mime: 'application/pdf', filename: `${base}.pdf` };
    return { data: await renderAgendaXlsx(kind, rows, meta), mime: XLSX_MIME, filename: `${base}.xlsx` };
  }

  private assertFits(count: number, format: AgendaFormat): void {
    const max = AGENDA_MAX_ROWS[format];
    if (count <= max) return;
    throw new DomainError('AGENDA_TOO_LARGE', 'UNPROCESSABLE', `Lebih dari ${max} surat dalam rentang ini untuk ${format.toUpperCase()}; persempit rentang tanggal${format === 'pdf' ? ' atau pakai format xlsx' : ''} (too many rows)`, {
      fields: [{ field: 'to', reason: `lebih dari ${max} surat` }], maxRows: max,
    });
  }

  private async assertKeeper(p: Principal, positionIds: number[]): Promise<void> {
    if (!p.officeId) throw forbidden('AGENDA_KEEPER_REQUIRED', 'Buku agenda hanya untuk pencatat surat, arsiparis, pimpinan dan sekretaris satker (register keepers only)');
    if (p.roles.includes('REGISTRAR') || p.roles.includes('ARCHIVIST')) return;
    if (positionIds.length) {
      const [hit] = await this.ds.query(
        `SELECT 1 AS x FROM positions WHERE id IN (${positionIds.map(() => '?').join(',')}) AND office_id = ? AND kind IN (${KEEPER_KINDS.map(() => '?').join(',')}) LIMIT 1`,
        [...positionIds, p.officeId, ...KEEPER_KINDS],
      );
      if (hit) return;
    }
    throw forbidden('AGENDA_KEEPER_REQUIRED', 'Buku agenda hanya untuk pencatat surat, arsiparis, pimpinan dan sekretaris satker (register keepers only)');
  }
}
