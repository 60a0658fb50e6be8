import { Module } from '@nestjs/common';
import { SocialModule } from '#social/social.module.js';
import { ChannelAccountsController } from './channel-accounts.controller.js';

@Module({
  imports: [SocialModule],
  controllers: [ChannelAccountsController],
})
export class ChannelAccountsApiModule {}
