import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { DispositionSheetService, DispositionsQueryService } from '@naskah/disposition';
import { CurrentPrincipal } from '../common/principal.decorator';
import { sendFile } from '../common/file-reply';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse } from '../common/api-binary-response';
import { LetterDispositionTree } from './dto/disposition.view';

/** A letter's disposition tree and a received letter's lembar disposisi. */
@ApiTags('dispositions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api')
export class LetterDispositionsController {
  constructor(
    private readonly queries: DispositionsQueryService,
    private readonly sheet: DispositionSheetService,
  ) {}

  @Get('letters/:id/dispositions')
  @ApiOperation({ summary: 'Pohon disposisi surat ini di satker saya (yang boleh saya lihat)' })
  @ApiOkResponse({ type: LetterDispositionTree })
  @ApiErrors(404)
  tree(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.queries.letterTree(p, id);
  }

  @Get('deliveries/:id/disposition-sheet')
  @ApiOperation({ summary: 'Lembar disposisi (PDF)' })
  @ApiFileResponse('Lembar disposisi', 'application/pdf')
  @ApiErrors(404)
  async pdf(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res() reply: { header(k: string, v: string): unknown; send(b: Buffer): void }) {
    const { filename, data } = await this.sheet.render(p, id);
    sendFile(reply, data, 'application/pdf', filename, undefined, 'inline');
  }
}
