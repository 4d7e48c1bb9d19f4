import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Identity from '@naskah/identity';
import { ROLE } from '../../common/dto/enums.view';
import { OfficeRef } from '../../common/dto/refs.view';
import { DelegationView, UserPositionRef } from '../../admin/dto/user.view';

/** An access token (Bearer, short-lived) and the refresh token that renews it (in an httpOnly cookie instead, for `X-Naskah-Session: cookie`). */
export class TokenPair implements Partial<Identity.TokenPair> {
  @ApiProperty() accessToken: string;
  @ApiPropertyOptional({ description: 'absent with `X-Naskah-Session: cookie` (the web app): the refresh token is then only in the httpOnly cookie' }) refreshToken?: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
}

export class MeUser {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) nip: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}

/** The signed-in user, their position, office, roles and the delegations active today. */
export class MeView {
  @ApiProperty({ type: () => MeUser }) user: MeUser;
  @ApiProperty({ type: () => UserPositionRef, nullable: true }) position: UserPositionRef | null;
  @ApiProperty({ type: () => OfficeRef, nullable: true }) office: OfficeRef | null;
  @ApiProperty({ enum: ROLE, enumName: 'Role', isArray: true }) roles: Identity.Role[];
  @ApiProperty({ type: () => DelegationView, isArray: true }) delegations: DelegationView[];
}
