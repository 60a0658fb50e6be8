import { Injectable } from '@nestjs/common';
import type { DeliveryStatus } from '#domain/index.js';
import { DeliveryRepository, TransactionRunner } from '#persistence/index.js';

export interface ProviderReceipt {
  provider: string;
  providerMessageId: string;
  /** Our delivery id, when the provider echoes it (it is in the status callback URL). */
  deliveryId: string | null;
  /** The provider's own status word or code, kept as received. */
  providerStatus: string;
  /** What the provider mapped it to; null for a status that means nothing for a delivery. */
  status: DeliveryStatus | null;
  errorCode: string | null;
  payload: Record<string, unknown>;
}

/**
 * Status reports are kept as received and applied to their delivery without ever moving it
 * backwards. The report names our delivery id, so it also settles a delivery whose send timed out
 * ('unknown': the provider did get it) and one whose send is not recorded yet ('sending': the
 * callback raced ahead of the answer; the settle then leaves it as the callback made it).
 */
@Injectable()
export class DeliveryReceiptsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async record(receipt: ProviderReceipt): Promise<void> {
    await this.transactions.run(async (m) => {
      if (receipt.deliveryId) await this.deliveries.adoptProviderMessageId(m, receipt.deliveryId, receipt.providerMessageId);
      if (receipt.status) await this.deliveries.applyReceipt(m, receipt.providerMessageId, receipt.status, receipt.errorCode);
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
