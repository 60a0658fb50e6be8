import { Module } from '@nestjs/common';
import { CapModule } from './cap.module.js';
import { PollCapFeedsHandler } from './cap-feeds-poll.handler.js';

/** The worker's part of CAP: the handler of the feed poll its cron enqueues. */
@Module({
  imports: [CapModule],
  providers: [PollCapFeedsHandler],
})
export class CapFeedsWorkerModule {}
