import { JobName } from '../queue-names';
import { assertOneHandlerEach } from './job-registry';

describe('job handler boot check', () => {
  const all = () => new Map(Object.values(JobName).map((n) => [n, [{ owner: `H.${n}` }]]));

  it('passes when every job has exactly one handler', () => {
    expect(() => assertOneHandlerEach(all())).not.toThrow();
  });

  it('names a job without a handler', () => {
    const m = all();
    m.delete(JobName.AUDIT_VERIFY);
    expect(() => assertOneHandlerEach(m)).toThrow(/"audit-verify" has no handler/);
  });

  it('names a job with two handlers and both owners', () => {
    const m = all();
    m.set(JobName.AUDIT_VERIFY, [{ owner: 'A.run' }, { owner: 'B.run' }]);
    expect(() => assertOneHandlerEach(m)).toThrow(/"audit-verify" has 2 handlers: A.run, B.run/);
  });
});
