import type { Type } from '@nestjs/common';
import type { QueueName } from '../../../../libs/queue/src/index.js';
import { QUEUES } from '../../../../libs/queue/src/index.js';
import { HousekeepingProcessor } from './housekeeping.processor.js';

/** One processor per queue of the catalogue; the worker refuses to start when one is missing. */
export const PROCESSORS: Record<QueueName, Type<unknown>> = {
  [QUEUES.housekeeping]: HousekeepingProcessor,
};
