import { Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { IncomingService } from '@naskah/correspondence';
import { CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { RegisterIncomingDto } from './dto/incoming.dto';
import { readMultipartForm } from './multipart-form';
import { ApiErrors } from '../common/api-errors';
import { IncomingRegistered } from './dto/incoming.view';

const pipe = createValidationPipe();

/** The registrar (pencatat surat) registers external incoming letters, with the scan. */
@ApiTags('inbox')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('api/incoming')
export class IncomingController {
  constructor(private readonly incoming: IncomingService) {}

  @Post()
  @RequireRoles('REGISTRAR')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ description: 'field RegisterIncomingDto + bagian `file` (PDF/PNG/JPEG/DOCX/XLSX)', type: RegisterIncomingDto })
  @ApiOperation({ summary: 'Catat surat masuk dari luar (kertas/e-mail, dipindai) dan sampaikan ke jabatan di satker Anda' })
  @ApiCreatedResponse({ type: IncomingRegistered })
  @ApiErrors(400, 413, 415, 422)
  async register(@CurrentPrincipal() p: Principal, @Req() req: FastifyRequest) {
    const { fields, file } = await readMultipartForm(req);
    const dto: RegisterIncomingDto = await pipe.transform(fields, { type: 'body', metatype: RegisterIncomingDto });
    return this.incoming.register(p, dto, file ?? undefined);
  }
}
