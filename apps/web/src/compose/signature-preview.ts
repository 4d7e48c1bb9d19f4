import { officeLetterName, officeShortName, signatureLines } from '../../../../libs/correspondence/src/rendering/signature-lines.js';

/** A position as the preview needs it (EligiblePosition has these). */
interface SignerLike {
  title: string;
  holder?: { fullName: string } | null;
}

/**
 * The types that close with "Hormat kami," when written to parties outside KPU (Tata Naskah Dinas:
 * Surat Dinas, Surat Undangan); a Nota Dinas, Keputusan, Surat Tugas… never do, so the choice is not offered there.
 */
export const CLOSING_TYPES = ['SD', 'Und'];

/**
 * How the signature block will read, by the PDF layout's own functions (signature-lines.ts):
 * [Hormat kami,] [a.n. KETUA KOMISI …, [SEKRETARIS, u.b.,]] TITLE[ KOMISI …], then the electronic
 * signature and the signer's name. A Nota Dinas writes the titles in initial capitals with the
 * office's short name ('a.n. Ketua KPU Kabupaten Sumbawa,').
 */
export function signaturePreview(o: { typeCode?: string; officeName?: string; signer: SignerLike; onBehalfOf?: SignerLike; through?: SignerLike; closing?: string }): string[] {
  // the block as the render job builds it (render-letter.job.ts): titles in capitals, the office added by signatureLines
  const block: Parameters<typeof signatureLines>[0] = o.onBehalfOf
    ? {
        capacityPrefix: 'a.n. ',
        onBehalfOf: o.onBehalfOf.title.toUpperCase(),
        ...(o.through ? { throughTitle: o.through.title.toUpperCase() } : {}),
        positionTitle: o.signer.title.toUpperCase(),
        signerName: o.signer.holder?.fullName ?? '',
      }
    : { capacityPrefix: '', positionTitle: o.signer.title.toUpperCase(), signerName: o.signer.holder?.fullName ?? '' };
  // a Nota Dinas writes its titles in initial capitals with the office's short name, as its layout does (letter-layout.ts)
  const memo = o.typeCode === 'ND';
  const lines = memo ? signatureLines(block, o.officeName ? officeShortName({ name: o.officeName }) : '', true) : signatureLines(block, o.officeName ? officeLetterName(o.officeName) : '');
  return [...(o.closing === 'HORMAT_KAMI' && CLOSING_TYPES.includes(o.typeCode ?? '') ? ['Hormat kami,'] : []), ...lines];
}
