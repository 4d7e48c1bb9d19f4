import type { SecurityClass } from '../access/access-policy';
import type { RecipientGroup } from '../dispatch/recipient-groups';
import type { BodyDoc, LetterTypeFields } from './letter-content';

export type LetterStatus = 'DRAFT' | 'IN_REVIEW' | 'RETURNED' | 'APPROVED' | 'SIGNED' | 'SENT' | 'CANCELLED';
export type Urgency = 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

/**
 * One addressee or copy as drafted: exactly one of an office (its head receives it), a position,
 * an external party, a group of offices (`group`; KABKOTA_OF_PROVINCE also takes
 * `provinceOfficeId`) or a distribution list of the drafting office. Groups and lists are kept as
 * written and expanded when the letter is sent.
 */
export interface RecipientInput {
  kind: 'TO' | 'CC';
  officeId?: number;
  positionId?: number;
  externalName?: string;
  group?: RecipientGroup;
  provinceOfficeId?: number;
  distributionListId?: number;
}

export interface LetterFields {
  typeCode: string;
  subject: string;
  summary?: string | null;
  /**
   * The body's plain text. Written by old clients as is; when `bodyDoc` is given, derived from it
   * (bodyDocToText) and kept for search.
   */
  body: string;
  /** The body as a document (letter-content.ts). Given: validated and stored, `body` derived. Omitted: the plain `body` stands. */
  bodyDoc?: BodyDoc | null;
  /** The typed fields of the letter's type and the common ones (letter-content.ts); null when none. */
  typeFields?: LetterTypeFields | null;
  securityClass: SecurityClass;
  urgency: Urgency;
  classificationCode: string;
  recipients: RecipientInput[];
  reviewerPositionIds: number[];
  signerPositionId: number;
}

export type LetterPatch = Partial<LetterFields> & { version: number };

/** A letter as a reader of any office gets it: the drafter (konseptor) is null for a viewer of another office. */
export type LetterReadView = Omit<LetterView, 'drafterUserId' | 'drafterPositionId' | 'reviewRound'> & { drafterUserId: number | null; drafterPositionId: number | null; reviewRound: number | null };

export interface LetterView extends LetterFields {
  /** Always present: stored, or derived from the plain `body` (paragraphs split on blank lines) for letters stored as text. */
  bodyDoc: BodyDoc;
  typeFields: LetterTypeFields | null;
  id: string;
  origin: 'INTERNAL' | 'EXTERNAL';
  officeId: number;
  drafterUserId: number;
  drafterPositionId: number;
  status: LetterStatus;
  revision: number;
  version: number;
  reviewRound: number;
  currentStep: number | null;
  number: string | null;
  signedAt: Date | null;
  signedCapacity: string | null;
  signerName: string | null;
  signerTitle: string | null;
  documentSha256: string | null;
  documentFileId: string | null;
  /** Token of the public verification link (`/verifikasi.html?t=<token>`), once the PDF is rendered; shown only to those who may see the letter. */
  verificationToken: string | null;
  sentAt: Date | null;
  external: { sender: string | null; number: string | null; date: string | null } | null;
  reviews: { round: number; step: number; positionId: number; decision: string; note: string | null; actedAt: Date | null; actedByUserId: number | null }[];
  attachments: { fileId: string; name: string; mime: string; sizeBytes: number; sha256: string }[];
  /** What the letter prints for each recipient, in the order of `recipients` ("Ketua KPU Kabupaten/Kota se-Provinsi Nusa Tenggara Barat"). */
  addressees: { kind: 'TO' | 'CC'; label: string }[];
  createdAt: Date;
  updatedAt: Date;
  /** Where its sending stands (GET /api/letters/{id} only); null before any sending. */
  delivery?: LetterDelivery | null;
}

/**
 * A letter's sendings (send, forward, return, registration): WAITING while one is not yet turned
 * into deliveries, since the oldest such; `late` once that wait passes PIPELINE_LATE_SECONDS — the
 * page then says "Menunggu pengiriman sejak …". DISPATCHED: all delivered, `since` the last one.
 */
export interface LetterDelivery {
  state: 'WAITING' | 'DISPATCHED';
  since: Date;
  /** Seconds waited so far (WAITING; by the database's clock), null once dispatched. */
  ageSeconds: number | null;
  late: boolean;
  lateAfterSeconds: number;
}
