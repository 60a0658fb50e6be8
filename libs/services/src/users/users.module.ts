import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AccountService } from './account.service.js';
import { UsersService } from './users.service.js';

/** User accounts: administration of the subtree's accounts, and the caller's own account. */
@Module({
  imports: [AuthModule],
  providers: [UsersService, AccountService],
  exports: [UsersService, AccountService],
})
export class UsersModule {}
