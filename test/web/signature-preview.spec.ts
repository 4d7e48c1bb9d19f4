import { signaturePreview } from '../../apps/web/src/compose/signature-preview';
import { baseLetter, notaDinas } from '../../libs/correspondence/src/rendering/letter-fixtures';
import { renderLetterPdf } from '../../libs/correspondence/src/rendering/letter-pdf';
import type { LetterSignatureBlock } from '../../libs/correspondence/src/rendering/letter-render-input';
import { flat, pdfText } from '../../libs/correspondence/src/rendering/pdf-tools';

/**
 * The compose page previews the signature block as the letter will print it (issue 13: "the block
 * reads as it will print"). A Nota Dinas writes the titles in initial capitals with the office's
 * short name ("Ketua KPU Kabupaten Sumbawa,"); a Surat Dinas in capitals with the office's name
 * written out. Each preview is checked against the PDF the renderer makes from the same choice.
 */
describe('signature block preview on the compose page', () => {
  const office = 'KPU Kabupaten Sumbawa';
  const ketua = { title: 'Ketua', holder: { fullName: 'Dra. Siti Aminah, M.Si.' } };
  const sekretaris = { title: 'Sekretaris', holder: { fullName: 'Ahmad Fauzi, S.H.' } };
  const printed = async (typeCode: 'ND' | 'SD', signature: LetterSignatureBlock) =>
    flat(pdfText(await renderLetterPdf(baseLetter({ ...(typeCode === 'ND' ? notaDinas() : {}), office: { ...baseLetter().office, name: 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA' }, signature }))));

  it('a Nota Dinas signed by the Ketua reads "Ketua KPU Kabupaten Sumbawa," as printed', async () => {
    const lines = signaturePreview({ typeCode: 'ND', officeName: office, signer: ketua });
    expect(lines).toEqual(['Ketua KPU Kabupaten Sumbawa,']);
    expect(await printed('ND', { capacityPrefix: '', positionTitle: 'KETUA', signerName: ketua.holder.fullName })).toContain(lines.join(' '));
  });

  it('a Nota Dinas signed a.n. the Ketua by the Sekretaris reads "a.n. Ketua KPU Kabupaten Sumbawa, Sekretaris," as printed', async () => {
    const lines = signaturePreview({ typeCode: 'ND', officeName: office, signer: sekretaris, onBehalfOf: ketua });
    expect(lines).toEqual(['a.n. Ketua KPU Kabupaten Sumbawa,', 'Sekretaris,']);
    expect(await printed('ND', { capacityPrefix: 'a.n. ', onBehalfOf: 'KETUA', positionTitle: 'SEKRETARIS', signerName: sekretaris.holder.fullName })).toContain(lines.join(' '));
  });

  it('a Surat Dinas keeps its capitals and the office written out, with "Hormat kami," when chosen', () => {
    expect(signaturePreview({ typeCode: 'SD', officeName: office, signer: sekretaris, onBehalfOf: ketua, closing: 'HORMAT_KAMI' })).toEqual([
      'Hormat kami,',
      'a.n. KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,',
      'SEKRETARIS,',
    ]);
    // a Nota Dinas never closes with "Hormat kami,"
    expect(signaturePreview({ typeCode: 'ND', officeName: office, signer: ketua, closing: 'HORMAT_KAMI' })).toEqual(['Ketua KPU Kabupaten Sumbawa,']);
  });
});
