import { HandlesJob, JOBS, type JobHandler, type SmsBatchPayload } from '#queue/index.js';
import { SmsDispatchService } from '../sms-dispatch.service.js';

/** A batch of the bulk lane (normal and priority broadcasts). */
@HandlesJob(JOBS.sendSmsBatch)
export class SendSmsBatchHandler implements JobHandler<SmsBatchPayload> {
  constructor(private readonly dispatch: SmsDispatchService) {}

  handle(payload: SmsBatchPayload): Promise<unknown> {
    return this.dispatch.processBatch(payload, 'bulk');
  }
}

/** A batch of an emergency broadcast: same work, its own lane so it overtakes bulk batches. */
@HandlesJob(JOBS.sendUrgentSmsBatch)
export class SendUrgentSmsBatchHandler implements JobHandler<SmsBatchPayload> {
  constructor(private readonly dispatch: SmsDispatchService) {}

  handle(payload: SmsBatchPayload): Promise<unknown> {
    return this.dispatch.processBatch(payload, 'urgent');
  }
}
