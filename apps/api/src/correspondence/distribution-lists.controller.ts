import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { DistributionListsService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiErrors } from '../common/api-errors';
import { AuditEventView } from '../common/dto/audit-event.view';
import { CreateDistributionListDto, DistributionListPageDto, DistributionListViewDto, UpdateDistributionListDto } from './dto/distribution-lists.dto';

/** Daftar distribusi: an office's saved addressee lists, for drafts of that office (`recipients[].distributionListId`). */
@ApiTags('distribution-lists')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('api/distribution-lists')
export class DistributionListsController {
  constructor(private readonly lists: DistributionListsService) {}

  @Get()
  @ApiOperation({ summary: 'Daftar distribusi satker Anda' })
  @ApiOkResponse({ type: DistributionListPageDto })
  list(@CurrentPrincipal() p: Principal) {
    return this.lists.list(p);
  }

  @Post()
  @ApiOperation({ summary: 'Buat daftar distribusi (pencatat surat, pimpinan unit, admin); diaudit' })
  @ApiCreatedResponse({ type: DistributionListViewDto })
  @ApiErrors(400, 409, 422)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateDistributionListDto) {
    return this.lists.create(p, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: DistributionListViewDto })
  @ApiErrors(400, 404)
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number) {
    return this.lists.get(p, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Ubah nama, keterangan atau anggota (dengan version); diaudit' })
  @ApiOkResponse({ type: DistributionListViewDto })
  @ApiErrors(400, 404, 409, 422)
  update(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateDistributionListDto) {
    return this.lists.update(p, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Hapus daftar; 409 DISTRIBUTION_LIST_IN_USE selama dipakai naskah yang belum dikirim' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async remove(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.lists.remove(p, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Riwayat perubahan daftar (jejak audit)' })
  @ApiOkResponse({ type: AuditEventView, isArray: true })
  @ApiErrors(400, 404)
  history(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number) {
    return this.lists.history(p, id);
  }
}
