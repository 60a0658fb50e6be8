import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';

@Module({
  imports: [JwtModule.register({})],
  providers: [AuthService, LoginThrottle, PasswordHasher],
  exports: [AuthService, LoginThrottle, PasswordHasher],
})
export class AuthModule {}
