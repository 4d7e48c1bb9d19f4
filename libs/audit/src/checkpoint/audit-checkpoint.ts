import { sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { CheckpointKey } from './checkpoint-key';

export const CHECKPOINT_FORMAT = 'naskah-audit-checkpoint/1';

/** The head of one chain (shard) as a checkpoint pins it: [stream, seq, hash]. */
export type CheckpointHead = [stream: number, seq: number, hash: string];

export type CheckpointReason = 'SCHEDULE' | 'AFTER_VERIFY' | 'MANUAL';

/** A signed checkpoint of every chain head, as stored outside the database (one JSON file). */
export interface SignedCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  createdAt: string;
  reason: CheckpointReason;
  heads: CheckpointHead[];
  /** Fingerprint of the signing key (see checkpointKeyIdOf) and the key itself, both covered by the signature. */
  keyId: string;
  publicKey: string;
  /** Ed25519 over the canonical JSON of every other field, base64. */
  signature: string;
}

const signedText = (cp: Omit<SignedCheckpoint, 'signature'>) =>
  Buffer.from(canonicalJson({ format: cp.format, createdAt: cp.createdAt, reason: cp.reason, heads: cp.heads, keyId: cp.keyId, publicKey: cp.publicKey }));

export function signCheckpoint(heads: CheckpointHead[], createdAt: Date, reason: CheckpointReason, key: CheckpointKey): SignedCheckpoint {
  const body = { format: CHECKPOINT_FORMAT, createdAt: createdAt.toISOString(), reason, heads, keyId: key.keyId, publicKey: key.publicKeyPem } as const;
  return { ...body, signature: sign(null, signedText(body), key.privateKey).toString('base64') };
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Checks one stored checkpoint against the trusted key (the key file's, never the key the file
 * carries): the result is its heads, or why it cannot be trusted.
 */
export function checkCheckpoint(text: string, trusted: CheckpointKey): { heads: CheckpointHead[] } | { problem: string } {
  let cp: SignedCheckpoint;
  try {
    cp = JSON.parse(text);
  } catch {
    return { problem: 'not JSON (unreadable)' };
  }
  if (cp?.format !== CHECKPOINT_FORMAT) return { problem: `unknown format ${JSON.stringify(cp?.format)}` };
  if (cp.keyId !== trusted.keyId) return { problem: `signed with key ${JSON.stringify(cp.keyId)}, not the checkpoint key ${trusted.keyId} (forged or from another deployment)` };
  const heads = cp.heads;
  if (!Array.isArray(heads) || !heads.every((h) => Array.isArray(h) && h.length === 3 && Number.isInteger(h[0]) && h[0] >= 0 && Number.isInteger(h[1]) && h[1] >= 0 && HASH.test(String(h[2])))) {
    return { problem: 'malformed heads' };
  }
  let ok = false;
  try {
    ok = typeof cp.signature === 'string' && verify(null, signedText(cp), trusted.publicKey, Buffer.from(cp.signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) return { problem: `signature does not verify with key ${trusted.keyId} (forged or altered)` };
  return { heads };
}

/** What the rows must still reproduce: per stream, seq → the hash a checkpoint pinned and which checkpoint. */
export type Anchors = Map<number, Map<number, { hash: string; checkpoint: string }>>;

/**
 * Merges the heads of trusted checkpoints (oldest first) into anchors. Two checkpoints that pin
 * different hashes at one (stream, seq) prove the chain was rewritten between them: a problem.
 */
export function addAnchors(anchors: Anchors, checkpoint: string, heads: CheckpointHead[], problems: string[]): void {
  for (const [stream, seq, hash] of heads) {
    if (seq === 0) continue; // an empty chain pins nothing
    const perStream = anchors.get(stream) ?? new Map();
    anchors.set(stream, perStream);
    const known = perStream.get(seq);
    if (!known) perStream.set(seq, { hash, checkpoint });
    else if (known.hash !== hash) problems.push(`stream ${stream} seq ${seq}: checkpoints ${known.checkpoint} and ${checkpoint} pin different hashes (chain rewritten between them)`);
  }
}

/** Heads as a checkpoint compares them (to skip a checkpoint when nothing changed). */
export const sameHeads = (a: CheckpointHead[], b: CheckpointHead[]) => canonicalJson(a) === canonicalJson(b);
