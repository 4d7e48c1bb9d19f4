import { addAnchors, Anchors, checkCheckpoint, CheckpointHead, signCheckpoint } from './audit-checkpoint';
import { generateCheckpointKey } from './checkpoint-key';

const h = (c: string) => c.repeat(64);
const heads: CheckpointHead[] = [[0, 3, h('a')], [1, 0, h('0')], [2, 7, h('b')]];

describe('audit checkpoints (signed chain heads)', () => {
  const key = generateCheckpointKey();
  const text = JSON.stringify(signCheckpoint(heads, new Date('2026-12-04T03:00:00Z'), 'SCHEDULE', key));

  it('accepts a checkpoint signed with the key file and returns its heads', () => {
    expect(checkCheckpoint(text, key)).toEqual({ heads });
  });

  it('refuses an altered head, another key, and another key claiming this key id', () => {
    const altered = JSON.parse(text);
    altered.heads[0][2] = h('c');
    expect(checkCheckpoint(JSON.stringify(altered), key)).toEqual({ problem: expect.stringContaining('signature does not verify') });
    const other = generateCheckpointKey();
    expect(checkCheckpoint(JSON.stringify(signCheckpoint(heads, new Date(), 'SCHEDULE', other)), key)).toEqual({ problem: expect.stringContaining(`signed with key "${other.keyId}"`) });
    const spoofed = signCheckpoint(heads, new Date(), 'SCHEDULE', { ...other, keyId: key.keyId });
    expect(checkCheckpoint(JSON.stringify(spoofed), key)).toEqual({ problem: expect.stringContaining('signature does not verify') });
    expect(checkCheckpoint('{', key)).toEqual({ problem: expect.stringContaining('not JSON') });
  });

  it('anchors non-empty heads and reports two checkpoints that pin different hashes at one seq', () => {
    const anchors: Anchors = new Map();
    const problems: string[] = [];
    addAnchors(anchors, 'one.json', heads, problems);
    addAnchors(anchors, 'two.json', [[0, 3, h('d')], [2, 9, h('e')]], problems);
    expect(anchors.get(1)).toBeUndefined();
    expect([...anchors.get(2)!.keys()]).toEqual([7, 9]);
    expect(problems).toEqual(['stream 0 seq 3: checkpoints one.json and two.json pin different hashes (chain rewritten between them)']);
  });
});
