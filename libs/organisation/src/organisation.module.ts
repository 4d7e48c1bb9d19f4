import { Global, Module } from '@nestjs/common';
import { OrganisationService } from './organisation.service';
import { PositionsAdminService } from './positions-admin.service';

@Global()
@Module({ providers: [OrganisationService, PositionsAdminService], exports: [OrganisationService, PositionsAdminService] })
export class OrganisationModule {}
