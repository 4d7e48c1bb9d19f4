import { codesFitting, rankSuggestions } from './dossier-suggestion';

describe('the dossier a record would fit', () => {
  const d = (id: string, classificationCode: string, unitId: number, periodStart: string) => ({ id, title: `Berkas ${id}`, classificationCode, unitId, periodStart });

  it('fits the record’s code or an ancestor; same code first, then same unit, then the latest period', () => {
    expect(codesFitting('PL.01.8')).toEqual(['PL', 'PL.01', 'PL.01.8']);
    const ranked = rankSuggestions({ classificationCode: 'PL.01.8', unitId: 5 }, [
      d('1', 'PL.01', 5, '2026-01-01'), d('2', 'PL.01.8', 6, '2025-01-01'), d('3', 'PL.01.8', 5, '2024-01-01'), d('4', 'KU.01', 5, '2026-01-01'), d('5', 'PL.01.8', 6, '2026-01-01'),
    ]);
    expect(ranked.map((x) => x.id)).toEqual(['3', '5', '2', '1']);
    expect(ranked[0].reason).toBe('kode klasifikasi sama, unit kerja sama');
    expect(ranked[3].reason).toBe('kode induk PL.01, unit kerja sama');
  });
});
