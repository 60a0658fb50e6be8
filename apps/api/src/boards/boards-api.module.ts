import { Module } from '@nestjs/common';
import { BoardEventsHub } from '#board/board-events.js';
import { BoardsModule } from '#board/boards.module.js';
import { BoardDeviceController } from './board-device.controller.js';
import { BoardsController } from './boards.controller.js';

/** Bulletin boards: the management API for staff and the device side (kiosk page, feed, heartbeat). */
@Module({
  imports: [BoardsModule],
  controllers: [BoardsController, BoardDeviceController],
  providers: [BoardEventsHub],
})
export class BoardsApiModule {}
