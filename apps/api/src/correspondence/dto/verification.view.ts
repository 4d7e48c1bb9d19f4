import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as C from '@naskah/correspondence';
import { EMBEDDED_SIGNATURE_VERDICTS } from '@naskah/correspondence';

/** The key as a JWK (RFC 8037). */
export class PublicKeyJwk {
  @ApiProperty({ example: 'OKP' }) kty: string;
  @ApiProperty({ example: 'Ed25519' }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() kid: string;
  @ApiProperty({ enum: ['EdDSA'] }) alg: 'EdDSA';
  @ApiProperty({ enum: ['sig'] }) use: 'sig';
}

type PublishedKeyModel = C.PublishedKeys['keys'][number];

/** A public signing key, current or retired. */
export class PublishedKey implements PublishedKeyModel {
  @ApiProperty() keyId: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty() signatureKind: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKeyPem: string;
  @ApiProperty({ type: () => PublicKeyJwk }) publicKeyJwk: PublicKeyJwk;
  @ApiProperty({ type: String, format: 'date-time' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: string | null;
  @ApiProperty() current: boolean;
}

/** What is signed: one JSON object, these keys in this order, every value a string. */
export class SignedPayloadFormat {
  @ApiProperty({ enum: [1] }) version: 1;
  @ApiProperty({ type: String, isArray: true }) fields: string[];
  @ApiProperty() encoding: string;
  @ApiProperty() signature: string;
}

export class PublishedKeys implements C.PublishedKeys {
  @ApiProperty({ type: () => PublishedKey, isArray: true }) keys: PublishedKey[];
  @ApiProperty({ type: () => SignedPayloadFormat }) signedPayload: SignedPayloadFormat;
}

/** The verdict; for B/T letters also the signed facts (absent for R/SR letters: `restricted`). */
export class VerificationResult implements C.VerificationResult {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'the authentic signature verifies with the key that signed' }) authentic: boolean;
  @ApiProperty({ description: "the PDF's SHA-256 is the one recorded at signing" }) unaltered: boolean;
  @ApiProperty({
    enum: EMBEDDED_SIGNATURE_VERDICTS,
    description:
      'the signature inside the PDF (PAdES): VALID; LEGACY = letter rendered before PDFs were signed; ABSENT = none; MALFORMED = unreadable; ' +
      'PARTIAL = does not cover the whole file; ALTERED = a signed byte changed; SIGNATURE = does not verify with its certificate; ' +
      'UNTRUSTED = certificate not from the local CA or a configured CA; MISMATCH = not the signature recorded for the letter',
  })
  embeddedSignature: C.EmbeddedSignatureVerdict;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'R/SR letter: verdict only' }) restricted: boolean;
  @ApiProperty() signatureKind: string;
  @ApiPropertyOptional() letterId?: string;
  @ApiPropertyOptional() number?: string;
  @ApiPropertyOptional({ format: 'date-time' }) signedAt?: string;
  @ApiPropertyOptional() signerName?: string;
  @ApiPropertyOptional() signerTitle?: string;
  @ApiPropertyOptional() capacity?: string;
  @ApiPropertyOptional() office?: string;
  @ApiPropertyOptional() documentSha256?: string;
  @ApiPropertyOptional() keyId?: string;
  @ApiPropertyOptional({ description: 'Ed25519, base64url without padding' }) signature?: string;
  @ApiPropertyOptional({ description: "subject of the PDF signature's certificate (when that signature is valid)" }) certificateSubject?: string;
  @ApiPropertyOptional({ description: "issuer of the PDF signature's certificate: the local CA (TIDAK TERSERTIFIKASI) or a configured CA" }) certificateIssuer?: string;
}
