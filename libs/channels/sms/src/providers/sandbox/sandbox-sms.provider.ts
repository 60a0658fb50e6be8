import { randomUUID } from 'node:crypto';
import { RetryableError } from '#domain/index.js';
import type { SmsProvider, SmsSendRequest, SmsSendResult, SmsStatusReport } from '../../sms-provider.js';

export interface SandboxSmsRecord {
  providerMessageId: string;
  deliveryId: string;
  to: string;
  body: string;
  statusCallbackUrl: string | null;
  sentAt: Date;
}

/** Where the sandbox keeps what it "sent"; the engine persists it so the API can show it. */
export interface SandboxSmsSink {
  record(message: SandboxSmsRecord): Promise<void>;
}

/**
 * The built-in provider used when no SMS provider is configured: nothing leaves the machine, every
 * message is recorded and reported delivered at once, so a fresh install runs the whole pipeline
 * end to end. `sandbox: true` lets every screen label it as such. Having no one to call us back,
 * it has no webhook: any callback claiming to be from it is refused.
 */
export class SandboxSmsProvider implements SmsProvider {
  readonly name = 'sandbox';
  readonly sandbox = true;
  readonly accountKey = 'sandbox';

  constructor(
    private readonly sink: SandboxSmsSink,
    private readonly newId: () => string = randomUUID,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(request: SmsSendRequest): Promise<SmsSendResult> {
    const providerMessageId = `SANDBOX-${this.newId()}`;
    const message = {
      providerMessageId,
      deliveryId: request.deliveryId,
      to: request.to,
      body: request.body,
      statusCallbackUrl: request.statusCallbackUrl ?? null,
      sentAt: this.clock(),
    };
    // Recording is the sending here: if it fails, nothing went out and a retry is safe.
    await this.sink.record(message).catch((error: unknown) => {
      throw new RetryableError('sandbox-sink', error instanceof Error ? error.message : String(error));
    });
    return { providerMessageId, status: 'delivered' };
  }

  verifyWebhook(): boolean {
    return false;
  }

  /** Its messages are delivered when sent: no report ever follows. */
  parseStatus(): SmsStatusReport[] {
    return [];
  }
}
