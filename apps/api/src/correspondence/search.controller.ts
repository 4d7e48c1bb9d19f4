import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { LetterSearchService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ApiErrors } from '../common/api-errors';
import { LetterSearchQueryDto } from './dto/search.dto';
import { LetterSearchPage } from './dto/search.view';

/** Pencarian naskah: every letter the caller may see (sent, received, drafts they are on). */
@ApiTags('search')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: LetterSearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Cari naskah yang boleh Anda lihat (terkirim, diterima, konsep yang melibatkan Anda): teks, tanggal, jenis, klasifikasi, kelas keamanan; halaman keyset (nextBefore)',
  })
  @ApiOkResponse({ type: LetterSearchPage })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: LetterSearchQueryDto) {
    return this.search.search(p, q);
  }
}
