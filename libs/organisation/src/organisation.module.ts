import { Global, Module } from '@nestjs/common';
import { OrganisationService } from './organisation.service';
import { PositionsAdminService } from './positions-admin.service';
import { OfficeLetterheadService } from './office-letterhead.service';

@Global()
@Module({
  providers: [OrganisationService, PositionsAdminService, OfficeLetterheadService],
  exports: [OrganisationService, PositionsAdminService, OfficeLetterheadService],
})
export class OrganisationModule {}
