import { canTransitionDelivery, type DeliveryStatus } from '#domain/index.js';
import { twilioDeliveryStatus } from './twilio-status.js';

/** What a Twilio receipt does to a delivery in `current`: the mapped status when it moves it forward, else null. */
function afterReceipt(current: DeliveryStatus, receipt: string): DeliveryStatus | null {
  const reported = twilioDeliveryStatus(receipt);
  return reported && canTransitionDelivery(current, reported) ? reported : null;
}

describe('Twilio receipts', () => {
  it.each([
    ['sent', 'delivered', 'delivered'],
    ['sent', 'read', 'delivered'],
    ['sent', 'undelivered', 'undelivered'],
    ['sent', 'failed', 'failed'],
    ['sending', 'queued', 'sent'],
    ['sending', 'accepted', 'sent'],
    ['sending', 'sent', 'sent'],
    ['sending', 'delivered', 'delivered'],
    ['unknown', 'sent', 'sent'],
    ['unknown', 'delivered', 'delivered'],
    ['unknown', 'failed', 'failed'],
    ['sent', 'canceled', 'failed'],
  ] as const)('%s + receipt %s → %s', (current, receipt, next) => {
    expect(afterReceipt(current, receipt)).toBe(next);
  });

  it.each([
    ['delivered', 'sent'],
    ['delivered', 'queued'],
    ['delivered', 'failed'],
    ['undelivered', 'sent'],
    ['failed', 'delivered'],
    ['sent', 'sent'],
    ['sent', 'queued'],
    ['cancelled', 'delivered'],
    ['planned', 'delivered'],
    ['sent', 'receiving'],
    ['sent', 'no-such-status'],
    ['sent', 'constructor'],
  ] as const)('%s + late or unknown receipt %s is ignored', (current, receipt) => {
    expect(afterReceipt(current, receipt)).toBeNull();
  });
});
