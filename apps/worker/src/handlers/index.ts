import type { Type } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { QUEUES, type QueueName } from '#queue/index.js';
import { HousekeepingHandler } from './housekeeping.handler.js';
import type { JobHandler } from './job-handler.js';
import { OccurrenceHandler } from './occurrence.handler.js';
import { SocialHandler } from './social.handler.js';
import { SmsBulkBatchHandler, SmsUrgentBatchHandler } from './sms-batch.handler.js';
import { TtsAudioHandler } from './tts-audio.handler.js';

export interface QueueBinding {
  handler: Type<JobHandler>;
  concurrency: (config: AppConfig) => number;
}

/** Every queue of the catalogue and the one handler that serves it; the type makes a missing queue a compile error. */
export const QUEUE_BINDINGS: Record<QueueName, QueueBinding> = {
  [QUEUES.housekeeping]: { handler: HousekeepingHandler, concurrency: () => 1 },
  [QUEUES.occurrences]: { handler: OccurrenceHandler, concurrency: () => 2 },
  [QUEUES.smsBulk]: { handler: SmsBulkBatchHandler, concurrency: (c) => c.sms.workerConcurrency },
  [QUEUES.smsUrgent]: { handler: SmsUrgentBatchHandler, concurrency: (c) => c.sms.urgentWorkerConcurrency },
  [QUEUES.loudspeakerAudio]: { handler: TtsAudioHandler, concurrency: () => 2 },
  [QUEUES.social]: { handler: SocialHandler, concurrency: () => 4 },
};

export const HANDLERS = Object.values(QUEUE_BINDINGS).map((b) => b.handler);
