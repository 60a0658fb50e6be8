import { Module } from '@nestjs/common';
import { UsersModule } from '#services/users/users.module.js';
import { AccountController } from './account.controller.js';
import { UsersController } from './users.controller.js';

@Module({
  imports: [UsersModule],
  controllers: [UsersController, AccountController],
})
export class UsersApiModule {}
