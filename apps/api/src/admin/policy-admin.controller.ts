import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { NumberTemplatesService, RoutingPolicyService } from '@naskah/correspondence';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { actorOf, CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { NumberTemplateQueryDto, PutNumberTemplateDto, PutRoutingPolicyDto } from './policy-admin.dto';
import { ApiErrors } from '../common/api-errors';
import { EffectiveNumberTemplate, NumberTemplateChangeResult, NumberTemplateView, RoutingPolicyChangeResult, RoutingPolicyVersionView, RoutingPolicyView } from './dto/policy.view';

/** Policy as data (DESIGN §7): the routing policy and the number templates. ADMIN only. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRoles('ADMIN')
@ApiErrors(401, 403)
@Controller('api/admin')
export class PolicyAdminController {
  constructor(
    private readonly routing: RoutingPolicyService,
    private readonly templates: NumberTemplatesService,
  ) {}

  @Get('routing-policy')
  @ApiOperation({ summary: 'Kebijakan rute yang berlaku: matriks level asal × tujuan, dengan label' })
  @ApiOkResponse({ type: RoutingPolicyView })
  routingPolicy() {
    return this.routing.view();
  }

  @Put('routing-policy')
  @ApiOperation({ summary: 'Ganti seluruh matriks kebijakan rute (versi baru, berlaku untuk surat yang dikirim sesudahnya); sel yang melanggar hierarki ditolak (422)' })
  @ApiOkResponse({ type: RoutingPolicyChangeResult })
  @ApiErrors(400, 409, 422)
  changeRoutingPolicy(@CurrentPrincipal() p: Principal, @Body() dto: PutRoutingPolicyDto) {
    return this.routing.change(actorOf(p), dto);
  }

  @Get('routing-policy/versions')
  @ApiOperation({ summary: 'Riwayat versi kebijakan rute: kapan berlaku, oleh siapa, alasannya' })
  @ApiOkResponse({ type: RoutingPolicyVersionView, isArray: true })
  routingPolicyVersions() {
    return this.routing.versions();
  }

  @Get('routing-policy/versions/:id')
  @ApiOperation({ summary: 'Satu versi kebijakan rute: matriksnya seperti GET routing-policy' })
  @ApiOkResponse({ type: RoutingPolicyView })
  @ApiErrors(400, 404)
  routingPolicyVersion(@Param('id', ParseIdPipe) id: number) {
    return this.routing.version(id);
  }

  @Get('number-templates')
  @ApiOperation({ summary: 'Semua templat penomoran (nasional, per jenis, per satker, per satker dan jenis)' })
  @ApiOkResponse({ type: NumberTemplateView, isArray: true })
  numberTemplates() {
    return this.templates.list();
  }

  @Get('number-templates/effective')
  @ApiOperation({ summary: 'Templat yang dipakai satker untuk jenis naskah ini, lingkup penghitungnya dan pratinjau nomor berikutnya (tidak diambil)' })
  @ApiOkResponse({ type: EffectiveNumberTemplate })
  @ApiErrors(400, 422)
  effectiveTemplate(@Query() q: NumberTemplateQueryDto) {
    return this.templates.effective(q.officeId, q.typeCode, { classification: q.classification, unitId: q.unitId });
  }

  @Put('number-templates')
  @ApiOperation({ summary: 'Atur templat penomoran satker/jenis naskah (divalidasi, dengan pratinjau); nomor yang sudah dipakai tidak pernah dipakai lagi' })
  @ApiOkResponse({ type: NumberTemplateChangeResult })
  @ApiErrors(400, 422)
  setTemplate(@CurrentPrincipal() p: Principal, @Body() dto: PutNumberTemplateDto) {
    return this.templates.set(actorOf(p), dto);
  }
}
