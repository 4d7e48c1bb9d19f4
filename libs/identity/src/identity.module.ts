import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { DelegationsService } from './delegations.service';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [UsersService, AuthService, LoginLimiter, DelegationsService],
  exports: [UsersService, AuthService, DelegationsService],
})
export class IdentityModule {}
