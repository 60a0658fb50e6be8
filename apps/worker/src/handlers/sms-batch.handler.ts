import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { SmsBatchPayload } from '#queue/index.js';
import { SmsDispatchService } from '#sms/sms-dispatch.service.js';
import type { JobHandler } from './job-handler.js';

@Injectable()
export class SmsBulkBatchHandler implements JobHandler {
  constructor(private readonly dispatch: SmsDispatchService) {}

  handle(job: Job<SmsBatchPayload>): Promise<unknown> {
    return this.dispatch.processBatch(job.data, 'bulk');
  }
}

@Injectable()
export class SmsUrgentBatchHandler implements JobHandler {
  constructor(private readonly dispatch: SmsDispatchService) {}

  handle(job: Job<SmsBatchPayload>): Promise<unknown> {
    return this.dispatch.processBatch(job.data, 'urgent');
  }
}
