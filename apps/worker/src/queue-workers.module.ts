import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerRegistry } from './job-handler-registry.js';
import { QueueWorkersService } from './queue-workers.service.js';

/** The BullMQ workers and the handlers they dispatch to, discovered in the modules the worker imports. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobHandlerRegistry, QueueWorkersService],
})
export class QueueWorkersModule {}
