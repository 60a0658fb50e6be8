import { Module } from '@nestjs/common';
import { FeedsModule } from '#services/feeds/feeds.module.js';
import { FeedsController } from './feeds.controller.js';

@Module({
  imports: [FeedsModule],
  controllers: [FeedsController],
})
export class FeedsApiModule {}
