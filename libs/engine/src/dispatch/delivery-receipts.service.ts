import { Injectable } from '@nestjs/common';
import { twilioDeliveryStatus } from '#domain/index.js';
import { BroadcastRepository, DeliveryRepository } from '#persistence/index.js';

export interface ProviderReceipt {
  provider: string;
  providerMessageId: string;
  /** Our delivery id, when the provider echoes it (it is in the status callback URL). */
  deliveryId: string | null;
  providerStatus: string;
  errorCode: string | null;
  payload: Record<string, unknown>;
}

/**
 * Status callbacks are kept as received and applied to their delivery without ever moving it
 * backwards. The callback names our delivery id, so it also settles a delivery whose send timed out
 * ('unknown': the provider did get it) and one whose send is not recorded yet ('sending': the
 * callback raced ahead of the answer; the settle then leaves it as the callback made it).
 */
@Injectable()
export class DeliveryReceiptsService {
  constructor(
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async record(receipt: ProviderReceipt): Promise<void> {
    await this.broadcasts.transaction(async (m) => {
      if (receipt.deliveryId) await this.deliveries.adoptProviderMessageId(m, receipt.deliveryId, receipt.providerMessageId);
      const status = twilioDeliveryStatus(receipt.providerStatus);
      if (status) await this.deliveries.applyReceipt(m, receipt.providerMessageId, status, receipt.errorCode);
      await this.deliveries.insertReceipt(m, {
        provider: receipt.provider,
        providerMessageId: receipt.providerMessageId,
        status: receipt.providerStatus,
        errorCode: receipt.errorCode,
        payload: receipt.payload,
      });
    });
  }
}
