import { Module } from '@nestjs/common';
import { SocialModule } from '../../../../libs/services/src/social/social.module.js';
import { ChannelAccountsController } from './channel-accounts.controller.js';

@Module({
  imports: [SocialModule],
  controllers: [ChannelAccountsController],
})
export class ChannelAccountsApiModule {}
