import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { StreamTickets } from './auth/stream-tickets';
import { ActingPositionsCache } from './acting-positions.cache';
import { DelegationsService } from './delegations.service';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [UsersService, AuthService, LoginLimiter, DelegationsService, ActingPositionsCache, StreamTickets],
  exports: [UsersService, AuthService, DelegationsService, ActingPositionsCache, StreamTickets],
})
export class IdentityModule {}
