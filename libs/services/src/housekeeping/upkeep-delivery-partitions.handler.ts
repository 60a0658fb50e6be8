import { HandlesJob, JOBS, type JobHandler, type JobPayload } from '#queue/index.js';
import { DeliveryPartitionService } from './delivery-partition.service.js';

/** Monthly partitions of deliveries created ahead and old ones retired; the hour only names the job. */
@HandlesJob(JOBS.upkeepDeliveryPartitions)
export class UpkeepDeliveryPartitionsHandler implements JobHandler<JobPayload<'upkeepDeliveryPartitions'>> {
  constructor(private readonly partitions: DeliveryPartitionService) {}

  handle(): Promise<unknown> {
    return this.partitions.upkeep();
  }
}
