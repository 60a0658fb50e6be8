import { Module } from '@nestjs/common';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { MessageQueryService } from './message-query.service.js';
import { MessagesService } from './messages.service.js';

@Module({
  imports: [AttachmentsModule],
  providers: [MessageRepository, MessagesService, MessageQueryService],
  exports: [MessagesService, MessageQueryService],
})
export class MessagesModule {}
