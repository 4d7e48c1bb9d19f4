import { checkEligibility, DossierRetentionState, dueProposalKind } from './proposal-eligibility';
import { missingSteps, nextStep, requiredSteps, stepsHeldBy } from './approval-requirements';

const d = (over: Partial<DossierRetentionState> = {}): DossierRetentionState => ({
  status: 'INACTIVE', activeUntil: '2028-01-01', inactiveUntil: '2030-01-01', finalAction: 'MUSNAH', holdCount: 0, inOpenProposal: false, ...over,
});

describe('proposal eligibility', () => {
  it('proposes transfer when the active period has ended, the final action when the inactive one has', () => {
    expect(dueProposalKind(d({ status: 'CLOSED' }), '2027-12-31')).toBeNull();
    expect(dueProposalKind(d({ status: 'CLOSED' }), '2028-01-01')).toBe('TRANSFER');
    expect(dueProposalKind(d(), '2029-12-31')).toBeNull();
    expect(dueProposalKind(d(), '2030-01-01')).toBe('DESTROY');
    expect(dueProposalKind(d({ finalAction: 'PERMANEN' }), '2030-01-01')).toBe('HANDOVER');
    expect(dueProposalKind(d({ finalAction: 'DINILAI_KEMBALI' }), '2030-01-01')).toBe('REVIEW');
  });

  it('proposes nothing twice, nothing open, and no destruction or handover of a held dossier', () => {
    expect(dueProposalKind(d({ inOpenProposal: true }), '2031-01-01')).toBeNull();
    expect(dueProposalKind(d({ status: 'ACTIVE' }), '2031-01-01')).toBeNull();
    expect(dueProposalKind(d({ holdCount: 1 }), '2031-01-01')).toBeNull();
    expect(dueProposalKind(d({ holdCount: 1, finalAction: 'PERMANEN' }), '2031-01-01')).toBeNull();
    expect(dueProposalKind(d({ holdCount: 1, finalAction: 'DINILAI_KEMBALI' }), '2031-01-01')).toBe('REVIEW');
    expect(dueProposalKind(d({ holdCount: 1, status: 'CLOSED' }), '2031-01-01')).toBe('TRANSFER');
  });

  it('explains why a dossier may not join a list', () => {
    expect(checkEligibility('DESTROY', d(), '2030-01-01')).toEqual({ ok: true });
    expect(checkEligibility('DESTROY', d({ holdCount: 2 }), '2030-01-01')).toMatchObject({ ok: false, code: 'HELD' });
    expect(checkEligibility('DESTROY', d(), '2029-06-01')).toMatchObject({ ok: false, code: 'NOT_DUE', reason: expect.stringContaining('2030-01-01') });
    expect(checkEligibility('DESTROY', d({ finalAction: 'PERMANEN' }), '2030-01-01')).toMatchObject({ ok: false, code: 'WRONG_FINAL_ACTION' });
    expect(checkEligibility('TRANSFER', d(), '2030-01-01')).toMatchObject({ ok: false, code: 'WRONG_STATUS' });
    expect(checkEligibility('TRANSFER', d({ status: 'CLOSED', activeUntil: null }), '2030-01-01')).toMatchObject({ ok: false, code: 'NOT_SCHEDULED' });
    expect(checkEligibility('HANDOVER', d({ finalAction: 'PERMANEN', inOpenProposal: true }), '2030-01-01')).toMatchObject({ ok: false, code: 'IN_OPEN_PROPOSAL' });
  });
});

describe('approval requirements', () => {
  it('needs the appraisal committee for a destruction only when some retention is 10 years or more', () => {
    expect(requiredSteps('DESTROY', 9)).toEqual(['RECORDS_CENTRE_HEAD', 'OFFICE_LEADER']);
    expect(requiredSteps('DESTROY', 10)).toEqual(['RECORDS_CENTRE_HEAD', 'APPRAISAL_COMMITTEE', 'OFFICE_LEADER']);
    expect(requiredSteps('TRANSFER', 30)).toEqual(['RECORDS_CENTRE_HEAD']);
    expect(requiredSteps('HANDOVER', 15)).toEqual(['RECORDS_CENTRE_HEAD', 'OFFICE_LEADER']);
    expect(requiredSteps('REVIEW', 15)).toEqual([]);
  });

  it('names what is missing, in order', () => {
    const req = requiredSteps('DESTROY', 12);
    expect(missingSteps(req, ['RECORDS_CENTRE_HEAD'])).toEqual(['APPRAISAL_COMMITTEE', 'OFFICE_LEADER']);
    expect(nextStep(req, ['RECORDS_CENTRE_HEAD'])).toBe('APPRAISAL_COMMITTEE');
    expect(nextStep(req, req)).toBeNull();
  });

  it('lets the Umum head, the Sekretaris and the Ketua of the same office act for their steps', () => {
    const at = (kind: string, unitCode: string | null, officeId = 10) => ({ positionId: 1, officeId, kind: kind as never, unitCode });
    expect(stepsHeldBy(at('KASUBBAG', 'KUL'), 10)).toEqual(['RECORDS_CENTRE_HEAD']);
    expect(stepsHeldBy(at('KEPALA_BIRO', 'BKU'), 10)).toEqual(['RECORDS_CENTRE_HEAD']);
    expect(stepsHeldBy(at('KASUBBAG', 'TPH'), 10)).toEqual([]);
    expect(stepsHeldBy(at('SEKRETARIS', 'SEK'), 10)).toEqual(['APPRAISAL_COMMITTEE']);
    expect(stepsHeldBy(at('KETUA', 'PIMPINAN'), 10)).toEqual(['OFFICE_LEADER']);
    expect(stepsHeldBy(at('KETUA', 'PIMPINAN', 11), 10)).toEqual([]);
    expect(stepsHeldBy(at('ARSIPARIS', 'SEK'), 10)).toEqual([]);
  });
});
