import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppConfig, DomainError } from '@naskah/core';
import { VerificationService } from '@naskah/correspondence';
import { Public } from '../common/principal.decorator';
import { FILE_ONLY_FORM, readMultipartForm } from './multipart-form';
import { ApiErrors } from '../common/api-errors';
import { PublishedKeys, VerificationResult } from './dto/verification.view';

/**
 * Public verification of signed letters (uncertified electronic signature): by the unguessable
 * token in the QR code, or by uploading the PDF. Never by letter id. R/SR letters: verdict only.
 */
@ApiTags('verification')
@Public()
@Controller('api/verify')
export class VerifyController {
  constructor(
    private readonly verification: VerificationService,
    private readonly config: AppConfig,
  ) {}

  @Get('keys')
  @ApiOperation({ summary: 'Every public signing key (current and retired: key id, algorithm, PEM, JWK, valid from, retired at) and the signed payload format, for offline verification' })
  @ApiOkResponse({ type: PublishedKeys })
  keys() {
    return this.verification.publishedKeys();
  }

  @Get(':token')
  @ApiOperation({ summary: 'Verify the letter behind a QR code token (404 for an unknown token or a letter id)' })
  @ApiOkResponse({ type: VerificationResult })
  @ApiErrors(404)
  byToken(@Param('token') token: string) {
    return this.verification.verifyToken(token);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify an uploaded PDF: the signed letter with the same SHA-256, if any' })
  @ApiOkResponse({ type: VerificationResult })
  @ApiErrors(400, 404, 413, 415)
  async upload(@Req() req: FastifyRequest) {
    if (!req.isMultipart()) throw new DomainError('MULTIPART_REQUIRED', 'UNSUPPORTED_MEDIA', 'Unggah berkas PDF sebagai multipart/form-data (field "file")');
    // Public: one file part and nothing else, so an anonymous caller cannot make the server hold fields.
    const { file } = await readMultipartForm(req, 'file', FILE_ONLY_FORM);
    if (!file) throw new DomainError('FILE_REQUIRED', 'VALIDATION', 'file: berkas PDF wajib diunggah', { fields: [{ field: 'file', reason: 'required' }] });
    const data = file.data;
    if (data.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DomainError('NOT_A_PDF', 'UNSUPPORTED_MEDIA', 'file: hanya PDF yang dapat diverifikasi');
    return this.verification.verifyUpload(data);
  }
}
