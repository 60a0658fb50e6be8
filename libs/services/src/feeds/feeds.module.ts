import { Module } from '@nestjs/common';
import { FeedRepository } from './feed.repository.js';
import { FeedsService } from './feeds.service.js';

/** The public web feed: RSS/Atom per unit (or subtree) and the public message page. */
@Module({
  providers: [FeedRepository, FeedsService],
  exports: [FeedsService],
})
export class FeedsModule {}
