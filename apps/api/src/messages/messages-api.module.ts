import { Module } from '@nestjs/common';
import { MessagesModule } from '#services/messages/messages.module.js';
import { InboxController } from './inbox.controller.js';
import { MessagesController } from './messages.controller.js';

@Module({
  imports: [MessagesModule],
  controllers: [MessagesController, InboxController],
})
export class MessagesApiModule {}
