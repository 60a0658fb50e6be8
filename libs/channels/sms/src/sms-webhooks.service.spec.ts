import { NotFoundError } from '#domain/index.js';
import type { DeliveryReceiptsService, ProviderReceipt } from '#engine/dispatch/delivery-receipts.service.js';
import type { SubscriptionService } from '#services/subscribers/subscription.service.js';
import { SandboxSmsProvider } from './providers/sandbox/sandbox-sms.provider.js';
import { TwilioSmsAdapter } from './providers/twilio/twilio-sms.adapter.js';
import type { SmsWebhookRequest } from './sms-provider.js';
import { smsStatusCallbackUrl, SmsWebhooksService } from './sms-webhooks.service.js';

const twilio = new TwilioSmsAdapter({ accountSid: `AC${'0'.repeat(32)}`, authToken: 'webhooks-unit-token-0123', from: '+15005550006' });

function setup(provider = twilio) {
  const receipts: ProviderReceipt[] = [];
  const inbound: [string | null, string | null | undefined][] = [];
  const service = new SmsWebhooksService(
    provider,
    { record: async (r: ProviderReceipt) => void receipts.push(r) } as unknown as DeliveryReceiptsService,
    { answerInboundSms: async (from: string | null, body: string | null | undefined) => (inbound.push([from, body]), 'Da nhan') } as unknown as SubscriptionService,
  );
  return { service, receipts, inbound };
}

const request = (body: Record<string, string>, query: Record<string, string> = {}): SmsWebhookRequest => ({
  url: 'https://tincoso.example.vn/api/v1/webhooks/sms/twilio/status',
  headers: {},
  query,
  body,
});

describe('SmsWebhooksService', () => {
  it('knows only the provider this process sends through', () => {
    const { service } = setup();
    expect(service.provider('twilio')).toBe(twilio);
    expect(service.provider('esms')).toBeNull();
    expect(service.provider('sandbox')).toBeNull();
    expect(new SmsWebhooksService(null, {} as DeliveryReceiptsService, {} as SubscriptionService).provider('twilio')).toBeNull();
  });

  it('records a status report already mapped by its provider, with our delivery id and the fields as received', async () => {
    const { service, receipts } = setup();
    const body = { MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30003' };
    expect(await service.recordStatus(twilio, request(body, { d: '42' }))).toBe(1);
    expect(receipts).toEqual([
      { provider: 'twilio', providerMessageId: 'SM1', deliveryId: '42', providerStatus: 'undelivered', status: 'undelivered', errorCode: '30003', payload: body },
    ]);
  });

  it('keeps the query of a report made by GET, without the fields its provider names as secret', async () => {
    const gateway = Object.assign(Object.create(twilio) as TwilioSmsAdapter, {
      webhookSecretFields: ['t'],
      parseStatus: () => [{ providerMessageId: 'X1', deliveryId: '9', providerStatus: '1', status: 'delivered' as const, errorCode: null }],
    });
    const { service, receipts } = setup(gateway);
    await service.recordStatus(gateway, { url: 'https://x/y', headers: {}, query: { SMSID: 'X1', SendStatus: '1', d: '9', t: 'secret' }, body: {} });
    expect(receipts).toEqual([expect.objectContaining({ providerMessageId: 'X1', status: 'delivered', payload: { SMSID: 'X1', SendStatus: '1', d: '9' } })]);
  });

  it('keeps a status that means nothing for a delivery, unmapped', async () => {
    const { service, receipts } = setup();
    await service.recordStatus(twilio, request({ MessageSid: 'SM1', MessageStatus: 'receiving' }));
    expect(receipts[0]).toMatchObject({ providerStatus: 'receiving', status: null, deliveryId: null });
  });

  it('normalises the sender of an inbound SMS (legacy 11-digit numbers included) and answers in TwiML', async () => {
    const { service, inbound } = setup();
    const reply = await service.answerInbound(twilio, request({ MessageSid: 'SM1', From: '+841681234567', Body: ' tu choi ', To: '+15005550006' }));
    expect(inbound).toEqual([['+84381234567', ' tu choi ']]);
    expect(reply).toEqual({
      status: 200,
      contentType: 'text/xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Da nhan</Message></Response>',
    });
  });

  it('lets no number that is not a Vietnamese mobile change a subscription', async () => {
    const { service, inbound } = setup();
    await service.answerInbound(twilio, request({ MessageSid: 'SM1', From: '+14155550100', Body: 'STOP' }));
    expect(inbound).toEqual([[null, 'STOP']]);
  });

  it('has no inbound webhook for a provider that forwards no SMS', async () => {
    const sandbox = new SandboxSmsProvider({ record: async () => undefined });
    const { service, inbound } = setup(sandbox as never);
    await expect(service.answerInbound(sandbox, request({ From: '+84912345678', Body: 'STOP' }))).rejects.toBeInstanceOf(NotFoundError);
    expect(inbound).toEqual([]);
  });

  it('writes the provider and our delivery id into the status callback URL', () => {
    expect(smsStatusCallbackUrl('https://tincoso.example.vn', 'twilio', '123')).toBe(
      'https://tincoso.example.vn/api/v1/webhooks/sms/twilio/status?d=123',
    );
  });
});
