export {
  attachmentsLabel,
  formatIndonesianDate,
  securityClassLabel,
  terbilang,
  urgencyLabel,
} from './indonesian-text';
export { signatureLines, verificationCaption, withOffice } from './letter-layout';
export { diktum, hariTanggal, period, pukul } from './letter-types';
export { orderedMarker, plainBodyDoc } from './body-doc';
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
