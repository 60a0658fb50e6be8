import { Module } from '@nestjs/common';
import { UnitsModule } from '#services/units/units.module.js';
import { UnitsController } from './units.controller.js';

@Module({
  imports: [UnitsModule],
  controllers: [UnitsController],
})
export class UnitsApiModule {}
