import { Module } from '@nestjs/common';
import { ExportsModule } from '#services/exports/exports.module.js';
import { ExportsController } from './exports.controller.js';

@Module({
  imports: [ExportsModule],
  controllers: [ExportsController],
})
export class ExportsApiModule {}
