import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppConfig, DomainError } from '@naskah/core';
import { VerificationService } from '@naskah/correspondence';
import { Public } from '../common/principal.decorator';
import { FILE_ONLY_FORM, readMultipartForm } from './multipart-form';

/** Public verification of signed letters (from the QR code, or by uploading the PDF). Uncertified electronic signature. */
@ApiTags('verification')
@Public()
@Controller('api/verify')
export class VerifyController {
  constructor(
    private readonly verification: VerificationService,
    private readonly config: AppConfig,
  ) {}

  @Get(':letterId')
  byId(@Param('letterId') letterId: string) {
    return this.verification.verifyStored(letterId);
  }

  @Post()
  @HttpCode(200)
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
