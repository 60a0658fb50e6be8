import { Module } from '@nestjs/common';
import { FeedRepository } from '#persistence/index.js';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { FeedsService } from './feeds.service.js';

/** The public web feed: RSS/Atom per unit (or subtree) and the public message page with its images. */
@Module({
  imports: [AttachmentsModule],
  providers: [FeedRepository, FeedsService],
  exports: [FeedsService],
})
export class FeedsModule {}
