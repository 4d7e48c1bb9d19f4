import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';

/** The kop surat of an office: what its letters print under its name. */
export interface OfficeLetterhead {
  officeId: number;
  name: string;
  city: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
}

export type LetterheadChange = Partial<Pick<OfficeLetterhead, 'address' | 'phone' | 'email' | 'website'>>;

const FIELDS = ['address', 'phone', 'email', 'website'] as const;

/** An office's kop surat, read through `em` (the render job's transaction). */
export async function readLetterhead(em: EntityManager | DataSource, officeId: number): Promise<OfficeLetterhead> {
  const [r] = await em.query('SELECT id, name, city, address, phone, email, website FROM offices WHERE id = ?', [officeId]);
  if (!r) throw notFound('Satker', officeId, 'OFFICE');
  return { officeId: Number(r.id), name: String(r.name), city: String(r.city), address: r.address ?? null, phone: r.phone ?? null, email: r.email ?? null, website: r.website ?? null };
}

/** Reads and (for an admin) edits an office's kop surat; every change is audited with before/after. */
@Injectable()
export class OfficeLetterheadService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  get(officeId: number, em?: EntityManager): Promise<OfficeLetterhead> {
    return readLetterhead(em ?? this.ds, officeId);
  }

  /** Sets the fields given (null or '' clears one); the others stay. */
  async update(actor: Actor, officeId: number, change: LetterheadChange): Promise<OfficeLetterhead> {
    await this.ds.transaction(async (em) => {
      const [cur] = await em.query('SELECT id, address, phone, email, website FROM offices WHERE id = ? FOR UPDATE', [officeId]);
      if (!cur) throw notFound('Satker', officeId, 'OFFICE');
      const set = FIELDS.filter((f) => change[f] !== undefined);
      if (set.length === 0) return;
      const value = (f: (typeof FIELDS)[number]) => {
        const v = change[f];
        return v === null || v === undefined || v.trim() === '' ? null : v.trim();
      };
      await em.query(`UPDATE offices SET ${set.map((f) => `${f} = ?`).join(', ')} WHERE id = ?`, [...set.map(value), officeId]);
      await this.audit.record(em, actor, {
        action: 'OFFICE_LETTERHEAD_UPDATED',
        entityType: 'office',
        entityId: officeId,
        officeId,
        before: Object.fromEntries(set.map((f) => [f, cur[f] ?? null])),
        after: Object.fromEntries(set.map((f) => [f, value(f)])),
      });
    });
    return this.get(officeId);
  }
}

/** Kop surat values for the demo offices (scripts/seed.ts); only fills an office whose kop is still empty. */
export const DEMO_LETTERHEADS: Record<string, Omit<LetterheadChange, never>> = {
  RI: { address: 'Jalan Imam Bonjol Nomor 29, Menteng, Jakarta Pusat 10310', phone: '(021) 31937223', email: 'kpu@kpu.go.id', website: 'https://www.kpu.go.id' },
  '52': { address: 'Jalan Langko Nomor 73, Mataram, Nusa Tenggara Barat 83114', phone: '(0370) 631451', email: 'kpu.ntb@kpu.go.id', website: 'https://ntb.kpu.go.id' },
  '5204': { address: 'Jalan Garuda Nomor 1, Sumbawa Besar, Nusa Tenggara Barat 84312', phone: '(0371) 21234', email: 'kab-sumbawa@kpu.go.id', website: 'https://kab-sumbawa.kpu.go.id' },
  '5271': { address: 'Jalan Majapahit Nomor 12, Mataram, Nusa Tenggara Barat 83127', phone: '(0370) 627315', email: 'kota-mataram@kpu.go.id', website: 'https://kota-mataram.kpu.go.id' },
  '3201': { address: 'Jalan Bersih, Kompleks Perkantoran Pemda, Cibinong, Kabupaten Bogor, Jawa Barat 16914', phone: '(021) 87907070', email: 'kab-bogor@kpu.go.id', website: 'https://kab-bogor.kpu.go.id' },
};

/** Fills the demo offices' kop surat where it is empty (idempotent; an admin's edit is never overwritten). */
export async function seedDemoLetterheads(ds: DataSource): Promise<number> {
  let n = 0;
  for (const [code, l] of Object.entries(DEMO_LETTERHEADS)) {
    const res = await ds.query(
      'UPDATE offices SET address = ?, phone = ?, email = ?, website = ? WHERE code = ? AND address IS NULL AND phone IS NULL AND email IS NULL AND website IS NULL',
      [l.address, l.phone, l.email, l.website, code],
    );
    n += Number(res.affectedRows ?? 0);
  }
  return n;
}
