import { RetryableError } from '#domain/index.js';
import { SandboxSmsProvider, type SandboxSmsRecord, type SandboxSmsSink } from './sandbox-sms.provider.js';

class MemorySink implements SandboxSmsSink {
  readonly records: SandboxSmsRecord[] = [];
  async record(message: SandboxSmsRecord): Promise<void> {
    this.records.push(message);
  }
}

describe('SandboxSmsProvider', () => {
  it('records each message and reports it delivered with a SANDBOX- id', async () => {
    const sink = new MemorySink();
    const sentAt = new Date('2025-03-10T01:00:00Z');
    const provider = new SandboxSmsProvider(sink, () => 'fixed-uuid', () => sentAt);
    const result = await provider.send({
      deliveryId: 'dlv-1',
      to: '+84912345678',
      body: 'Thông báo',
      statusCallbackUrl: 'http://x/cb',
    });
    expect(result).toEqual({ providerMessageId: 'SANDBOX-fixed-uuid', status: 'delivered' });
    expect(sink.records).toEqual([
      {
        providerMessageId: 'SANDBOX-fixed-uuid',
        deliveryId: 'dlv-1',
        to: '+84912345678',
        body: 'Thông báo',
        statusCallbackUrl: 'http://x/cb',
        sentAt,
      },
    ]);
  });

  it('is labelled as the sandbox and uses unique ids by default', async () => {
    const sink = new MemorySink();
    const provider = new SandboxSmsProvider(sink);
    expect(provider).toMatchObject({ name: 'sandbox', sandbox: true, accountKey: 'sandbox' });
    const [a, b] = await Promise.all([
      provider.send({ deliveryId: 'a', to: '+84912345678', body: 'x' }),
      provider.send({ deliveryId: 'b', to: '+84912345679', body: 'y' }),
    ]);
    expect(a.providerMessageId).toMatch(/^SANDBOX-[0-9a-f-]{36}$/);
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
    expect(sink.records.map((r) => r.statusCallbackUrl)).toEqual([null, null]);
  });

  it('turns a failure to record into a retryable error: nothing was sent', async () => {
    const provider = new SandboxSmsProvider({ record: () => Promise.reject(new Error('db down')) });
    const error = await provider.send({ deliveryId: 'a', to: '+84912345678', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ providerCode: 'sandbox-sink', message: 'db down' });
  });
});

describe('SandboxSmsProvider webhooks', () => {
  it('has none: every callback is refused and carries no report', () => {
    const provider = new SandboxSmsProvider({ record: async () => undefined });
    expect(provider.verifyWebhook()).toBe(false);
    expect(provider.parseStatus()).toEqual([]);
    expect('parseInbound' in provider).toBe(false);
  });
});
