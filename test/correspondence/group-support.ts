import type { DataSource } from 'typeorm';
import type { Http } from '@naskah/testing';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';

/** A draft written through the API (the real validation); returns its id. */
export async function draftThroughApi(
  http: Http,
  user: string,
  office: string,
  recipients: Record<string, unknown>[],
  extra: { subject?: string; signer?: string } = {},
): Promise<{ status: number; body: any }> {
  const res = await http.request('POST', '/api/letters', {
    token: await http.login(user),
    body: {
      typeCode: 'SE', subject: extra.subject ?? 'Surat edaran tahapan', body: 'Isi surat edaran.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
      recipients, reviewerPositionIds: [], signerPositionId: await positionIdOf(http.ds, office, extra.signer ?? (office === 'RI' ? 'SEKJEN' : 'SEKRETARIS')),
    },
  });
  return res;
}

/**
 * TEST-ONLY: moves a draft written through the API straight to SIGNED with a number and a stand-in
 * document (as insertSignedLetterFixture does), so a test of what sending does with its recipients
 * need not walk review, signing and rendering (letter-lifecycle.e2e-spec does that).
 */
export async function markSigned(ds: DataSource, letterId: string): Promise<void> {
  const file = await ds.query(
    `INSERT INTO files (storage_key, sha256, size_bytes, mime, original_name, created_by) VALUES (?, SHA2(?, 256), 0, 'application/pdf', ?, NULL)`,
    [`fixture/letter-${letterId}`, `fixture ${letterId}`, `naskah-${letterId}.pdf`],
  );
  await ds.query(
    `UPDATE letters SET status = 'SIGNED', signed_at = CURRENT_TIMESTAMP(3), signed_capacity = 'SENDIRI', signer_name = 'Penandatangan (fixture)', signer_title = 'Sekretaris',
       number = CONCAT('FX', id, '/PY.01.1-SE/G/', YEAR(CURRENT_DATE)), counter_key = CONCAT('fixture|letter=', id), number_seq = id,
       document_file_id = ?, document_sha256 = SHA2(?, 256), signature = 'fixture-signature', signature_key_id = 'fixture'
     WHERE id = ?`,
    [file.insertId, `fixture ${letterId}`, letterId],
  );
}

/** Office ids of the Kab/Kota whose parent is the province with this code, from the offices table. */
export async function kabkotaOf(ds: DataSource, provinceCode: string): Promise<number[]> {
  const rows = await ds.query("SELECT k.id FROM offices k JOIN offices p ON p.id = k.parent_id WHERE p.code = ? AND k.level = 'KABKOTA' ORDER BY k.id", [provinceCode]);
  return rows.map((r: { id: number }) => Number(r.id));
}

export async function officeIdsAt(ds: DataSource, level: 'PROVINSI' | 'KABKOTA'): Promise<number[]> {
  return (await ds.query('SELECT id FROM offices WHERE level = ? ORDER BY id', [level])).map((r: { id: number }) => Number(r.id));
}
