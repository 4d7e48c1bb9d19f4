import { ApiProperty } from '@nestjs/swagger';
import type * as Identity from '@naskah/identity';
import { DELEGATION_KIND, POSITION_KIND, ROLE } from '../../common/dto/enums.view';
import { OfficeRef } from '../../common/dto/refs.view';

type UserPositionModel = NonNullable<Identity.UserView['position']>;

export class UserPositionRef implements UserPositionModel {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: POSITION_KIND, enumName: 'PositionKind' }) kind: UserPositionModel['kind'];
}

/** A user account with their position, office, granted roles and effective roles. */
export class UserView implements Identity.UserView {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) nip: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ type: () => UserPositionRef, nullable: true }) position: UserPositionRef | null;
  @ApiProperty({ type: () => OfficeRef, nullable: true }) office: OfficeRef | null;
  @ApiProperty({ enum: ROLE, enumName: 'Role', isArray: true, description: 'roles granted to the user' }) grants: Identity.Role[];
  @ApiProperty({ enum: ROLE, enumName: 'Role', isArray: true, description: 'effective roles: from the position and the grants' }) roles: Identity.Role[];
}

export class UserPage {
  @ApiProperty({ type: () => UserView, isArray: true }) items: UserView[];
  @ApiProperty() total: number;
}

/** A delegation: someone acting (Plt/Plh) in a position for a period. */
export class DelegationView implements Identity.DelegationView {
  @ApiProperty() id: number;
  @ApiProperty() userId: number;
  @ApiProperty() userName: string;
  @ApiProperty() positionId: number;
  @ApiProperty() positionTitle: string;
  @ApiProperty() officeId: number;
  @ApiProperty({ enum: DELEGATION_KIND, enumName: 'DelegationKind' }) kind: Identity.DelegationView['kind'];
  @ApiProperty({ type: String, format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date' }) endsOn: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: Date | null;
}
