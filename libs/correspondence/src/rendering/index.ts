export {
  attachmentsLabel,
  formatIndonesianDate,
  securityClassLabel,
  terbilang,
  urgencyLabel,
} from './indonesian-text';
export { signatureLines, verificationCaption } from './letter-layout';
export { renderLetterPdf } from './letter-pdf';
export type {
  CapacityPrefix,
  LetterRenderInput,
  LetterSignatureBlock,
  RenderPdfOptions,
  SecurityClassCode,
  UrgencyCode,
} from './letter-render-input';
export { extractEmbeddedVerification, verificationKeywords } from './pdf-metadata';
