import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { AGENDA_FORMATS, AGENDA_MAX_DAYS, AgendaFormat, AgendaRegisterService, RegisterKind } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse, XLSX_MIME } from '../common/api-binary-response';
import { BinaryReply, sendFile } from '../common/file-reply';

export class AgendaQueryDto {
  @ApiProperty({ format: 'date', example: '2026-11-01', description: 'Hari pertama (WIB), termasuk' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', example: '2026-11-30', description: `Hari terakhir (WIB), termasuk; tidak sebelum from, paling lama ${AGENDA_MAX_DAYS} hari` })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ enum: AGENDA_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(AGENDA_FORMATS, { message: `harus salah satu dari ${AGENDA_FORMATS.join(', ')} (one of ${AGENDA_FORMATS.join(', ')})` })
  format?: AgendaFormat;
}

const RULE =
  'Satker Anda saja. Untuk pencatat surat (REGISTRAR), arsiparis (ARCHIVIST), dan pemegang (atau Plt./Plh.) jabatan Ketua, Anggota, Sekretaris Jenderal atau Sekretaris; selain itu 403. ' +
  'Hal surat T/R/SR yang tidak boleh Anda baca tidak dicetak (diganti "(Rahasia — hal tidak ditampilkan)"); metadata register tetap dicetak. XLSX: tanggal sebagai tanggal Excel dalam WIB. Paling banyak 5.000 surat per PDF dan 50.000 per XLSX (422 AGENDA_TOO_LARGE).';

/** The office's registers (buku agenda) of incoming and outgoing letters, as XLSX or PDF. */
@ApiTags('agenda')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/agenda')
export class AgendaController {
  constructor(private readonly agenda: AgendaRegisterService) {}

  @Get('incoming')
  @ApiOperation({ summary: 'Buku agenda surat masuk satker untuk rentang tanggal (XLSX atau PDF)', description: RULE })
  @ApiFileResponse('Buku agenda surat masuk', XLSX_MIME, 'application/pdf')
  @ApiErrors(400, 403, 422)
  incoming(@CurrentPrincipal() p: Principal, @Query() q: AgendaQueryDto, @Res() reply: BinaryReply) {
    return this.send(p, 'INCOMING', q, reply);
  }

  @Get('outgoing')
  @ApiOperation({ summary: 'Buku agenda surat keluar satker untuk rentang tanggal (XLSX atau PDF)', description: RULE })
  @ApiFileResponse('Buku agenda surat keluar', XLSX_MIME, 'application/pdf')
  @ApiErrors(400, 403, 422)
  outgoing(@CurrentPrincipal() p: Principal, @Query() q: AgendaQueryDto, @Res() reply: BinaryReply) {
    return this.send(p, 'OUTGOING', q, reply);
  }

  private async send(p: Principal, kind: RegisterKind, q: AgendaQueryDto, reply: BinaryReply): Promise<void> {
    const file = await this.agenda.render(p, kind, q);
    sendFile(reply, file.data, file.mime, file.filename);
  }
}
