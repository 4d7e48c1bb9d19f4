import type { BodyDoc, LetterTypeFields } from '../letters/letter-content';

/** Security class (sifat) of a letter: Biasa, Terbatas, Rahasia, Sangat Rahasia. */
export type SecurityClassCode = 'B' | 'T' | 'R' | 'SR';

/** Urgency (urgensi) of a letter. */
export type UrgencyCode = 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

/** The prefix printed before the signer's position: own, Plt., Plh. or a.n. */
export type CapacityPrefix = '' | 'Plt. ' | 'Plh. ' | 'a.n. ';

export interface LetterSignatureBlock {
  capacityPrefix: CapacityPrefix;
  /** e.g. 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA' or, for a.n., 'SEKRETARIS'. */
  positionTitle: string;
  /** For a.n.: whose name is signed for, e.g. 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA'. */
  onBehalfOf?: string;
  /**
   * For u.b. (untuk beliau): the position between the one signed for and the signer, e.g. with
   * onBehalfOf 'KETUA …', throughTitle 'SEKRETARIS' and positionTitle 'KEPALA SUBBAGIAN …' the block
   * reads 'a.n. KETUA …, / SEKRETARIS, / u.b. / KEPALA SUBBAGIAN …,'. Only with 'a.n. '.
   */
  throughTitle?: string;
  signerName: string;
  /** NIP printed under the name when given (18 digits). */
  signerNip?: string;
}

/** Everything printed on a signed letter (naskah dinas). Text is printed as given. */
export interface LetterRenderInput {
  /** Embedded in the PDF metadata (Keywords `naskah:letter=<id>`); letters, digits, `._:-` only. */
  letterId: string;
  office: {
    /** e.g. 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA'. */
    name: string;
    address?: string;
    /** Kop surat contact line: 'Telepon (0371) 21234', 'Pos-el …', 'Laman …'; each omitted when absent. */
    phone?: string;
    email?: string;
    website?: string;
    /** Printed before the date: 'Sumbawa, 5 Maret 2024'. */
    city: string;
  };
  number: string;
  /** The letter's date; printed in Asia/Jakarta, also the PDF's CreationDate/ModDate. */
  date: Date;
  /** e.g. 'Surat Dinas'; used in the PDF title. */
  typeName: string;
  /**
   * The letter type's code (letter_types.code) choosing the layout: SD, ND, Und, SE, Kpt, ST, BA,
   * SKet, Png; any other (or none) is laid out as a Surat Dinas.
   */
  typeCode?: string;
  securityClass: SecurityClassCode;
  urgency: UrgencyCode;
  attachmentsCount: number;
  /** Hal. */
  subject: string;
  /** Printed after 'Yth.'; numbered when more than one. */
  addressees: string[];
  /** Printed under 'Tembusan:' at the end; omitted when empty. */
  copies: string[];
  /** Paragraphs separated by blank lines: the legacy body, printed when `bodyDoc` is absent. */
  body: string;
  /** The rich body (paragraphs, marks, lists, tables); printed instead of `body` when given. */
  bodyDoc?: BodyDoc;
  /** The typed fields of the letter's type (acara, Dasar/assignees, Menimbang/diktum, appendices, closing …). */
  typeFields?: LetterTypeFields;
  signature: LetterSignatureBlock;
  /** Encoded in the QR code of the signature block and printed in its caption. */
  verificationUrl: string;
}

export interface RenderPdfOptions {
  /** Deflate content streams (default true). Tests turn it off to read the text. */
  compress?: boolean;
}
