import { Module } from '@nestjs/common';
import { AttachmentsModule } from '#services/attachments/attachments.module.js';
import { AttachmentsController } from './attachments.controller.js';

@Module({
  imports: [AttachmentsModule],
  controllers: [AttachmentsController],
})
export class AttachmentsApiModule {}
