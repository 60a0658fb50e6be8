import http from 'node:http';
import twilio from 'twilio';
import type { AddressInfo } from 'node:net';
import { OutcomeUnknownError, PermanentError, RetryableError } from '#domain/index.js';
import { behaviours, FakeTwilioServer } from '#fakes/fake-twilio.server.js';
import { TwilioSmsAdapter, type TwilioSmsOptions } from './twilio-sms.adapter.js';

/** The real twilio SDK against a local fake of the Messages API. */
describe('TwilioSmsAdapter', () => {
  let fake: FakeTwilioServer;
  const FROM = '+15005550006';
  const CALLBACK = 'https://tincoso.example.vn/api/v1/webhooks/sms/twilio/status?d=dlv-1';

  const adapter = (over: Partial<TwilioSmsOptions> = {}) =>
    new TwilioSmsAdapter({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: FROM,
      apiBaseUrl: fake.url,
      timeoutMs: 2_000,
      ...over,
    });
  const send = (a: TwilioSmsAdapter, to = '+84912345678') =>
    a.send({ deliveryId: 'dlv-1', to, body: 'Thông báo lịch tiếp công dân', statusCallbackUrl: CALLBACK });
  const failure = async (p: Promise<unknown>): Promise<unknown> => {
    try {
      await p;
    } catch (error) {
      return error;
    }
    throw new Error('expected the send to fail');
  };

  beforeAll(async () => {
    fake = await FakeTwilioServer.start();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('sends with a From number and a per-message status callback', async () => {
    const result = await send(adapter());
    expect(result.status).toBe('sent');
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({
      sid: result.providerMessageId,
      to: '+84912345678',
      from: FROM,
      messagingServiceSid: null,
      body: 'Thông báo lịch tiếp công dân',
      statusCallback: CALLBACK,
    });
  });

  it('sends through a Messaging Service instead of a From number', async () => {
    const result = await send(adapter({ from: null, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }));
    expect(result.status).toBe('sent');
    expect(fake.messages[0]).toMatchObject({ from: null, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
  });

  it('reads the status Twilio answers at creation: delivered is kept, any other than sent or delivered is a refusal', async () => {
    fake.enqueue({ kind: 'ok', status: 'delivered' }, { kind: 'ok', status: 'failed' });
    expect(await send(adapter())).toMatchObject({ status: 'delivered' });
    const error = await failure(send(adapter()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ providerCode: 'status-failed', reason: 'rejected', message: 'Twilio answered failed' });
  });

  it('names its rate-limit bucket after the account', () => {
    const a = adapter();
    expect(a).toMatchObject({ name: 'twilio', sandbox: false, accountKey: `twilio:${fake.accountSid}` });
  });

  it('maps 429 / 20429 to RetryableError honouring Retry-After', async () => {
    fake.enqueue(behaviours.rateLimited(7));
    const error = await failure(send(adapter()));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ providerCode: '20429', retryAfterMs: 7_000, message: 'Too Many Requests' });
    expect(fake.messages).toHaveLength(0);
  });

  it('maps a 500 to RetryableError', async () => {
    fake.enqueue(behaviours.serverError());
    const error = await failure(send(adapter()));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ providerCode: '20500', retryAfterMs: undefined });
  });

  it.each([
    ['21610', 'opted-out', behaviours.optedOut()],
    ['21211', 'invalid-endpoint', behaviours.invalidNumber()],
    ['21614', 'invalid-endpoint', behaviours.notMobile()],
  ])('maps Twilio error %s to a permanent error (%s)', async (code, reason, behaviour) => {
    fake.respondTo('+84912345678', behaviour);
    const error = await failure(send(adapter()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ providerCode: code, reason });
  });

  it('maps wrong credentials to a permanent unauthorized error, as Twilio answers 401 / 20003', async () => {
    const error = await failure(send(adapter({ authToken: 'wrong' })));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ providerCode: '20003', reason: 'unauthorized' });
    expect(fake.stats.unauthorized).toBe(1);
  });

  it('treats a malformed number Twilio refuses (21211) as permanent, with Twilio wording', async () => {
    const error = await failure(send(adapter(), '12345'));
    expect(error).toMatchObject({ providerCode: '21211', reason: 'invalid-endpoint' });
    expect((error as Error).message).toContain("Invalid 'To' Phone Number");
  });

  it('marks a request that hangs past the client timeout as OutcomeUnknownError, never as retryable', async () => {
    fake.enqueue(behaviours.hang());
    const started = Date.now();
    // 1.5 s, not less: on a loaded 2-core CI machine a 300 ms timeout once fired before the request was
    // even written, which is rightly a RetryableError (nothing reached Twilio) and not this case.
    const error = await failure(send(adapter({ timeoutMs: 1_500 })));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(Date.now() - started).toBeLessThan(6_000);
    // The fake accepted it: exactly the case where a blind retry would send the SMS twice.
    expect(fake.messages).toHaveLength(1);
  });

  it('marks a connection reset after the request was written as OutcomeUnknownError', async () => {
    fake.enqueue(behaviours.drop());
    expect(await failure(send(adapter()))).toBeInstanceOf(OutcomeUnknownError);
  });

  it('succeeds when the answer is slow but within the timeout', async () => {
    fake.enqueue(behaviours.hang(100));
    await expect(send(adapter({ timeoutMs: 2_000 }))).resolves.toMatchObject({ status: 'sent' });
  });

  it('maps a refused connection (nothing sent) to RetryableError', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(send(adapter({ apiBaseUrl: `http://127.0.0.1:${port}` })));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ providerCode: 'ECONNREFUSED' });
  });

  it('keeps per-recipient behaviour under concurrent sends', async () => {
    fake.respondTo('+84911111111', behaviours.optedOut());
    const a = adapter();
    const results = await Promise.allSettled(
      ['+84900000001', '+84911111111', '+84900000002'].map((to) => send(a, to)),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(fake.messages.map((m) => m.to).sort()).toEqual(['+84900000001', '+84900000002']);
  });

  it('refuses an empty body before calling Twilio', async () => {
    const error = await failure(adapter().send({ deliveryId: 'd', to: '+84912345678', body: '' }));
    expect(error).toMatchObject({ reason: 'bad-request' });
    expect(fake.stats.requests).toBe(0);
  });

  it('needs credentials and exactly one sender', () => {
    expect(() => adapter({ messagingServiceSid: 'MG1' })).toThrow(/exactly one sender/);
    expect(() => adapter({ from: null })).toThrow(/exactly one sender/);
    expect(() => adapter({ authToken: '' })).toThrow(/auth token/);
  });
});

describe('TwilioSmsAdapter callbacks', () => {
  const TOKEN = 'adapter-callbacks-auth-token';
  const adapter = new TwilioSmsAdapter({ accountSid: `AC${'1'.repeat(32)}`, authToken: TOKEN, from: '+15005550006' });
  const URL_D7 = 'https://tincoso.example.vn/api/v1/webhooks/sms/twilio/status?d=7';
  const body = { MessageSid: 'SM1', MessageStatus: 'delivered' };
  const signed = (url: string, params: Record<string, string>, token = TOKEN) => ({
    url,
    headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params) },
    query: { d: '7' },
    body: params,
  });

  it('verifies X-Twilio-Signature over the public URL and the fields', () => {
    expect(adapter.verifyWebhook(signed(URL_D7, body))).toBe(true);
    expect(adapter.verifyWebhook(signed(URL_D7, body, 'another-token-0123456'))).toBe(false);
    expect(adapter.verifyWebhook({ ...signed(URL_D7, body), body: { ...body, MessageStatus: 'failed' } })).toBe(false);
    expect(adapter.verifyWebhook({ ...signed(URL_D7, body), url: URL_D7.replace('d=7', 'd=8') })).toBe(false);
    expect(adapter.verifyWebhook({ ...signed(URL_D7, body), headers: {} })).toBe(false);
  });

  it('reports the status mapped to ours, with our delivery id from the callback URL', () => {
    expect(adapter.parseStatus(signed(URL_D7, { ...body, MessageStatus: 'undelivered', ErrorCode: '30003' }))).toEqual([
      { providerMessageId: 'SM1', deliveryId: '7', providerStatus: 'undelivered', status: 'undelivered', errorCode: '30003' },
    ]);
    expect(adapter.parseStatus({ ...signed(URL_D7, { ...body, MessageStatus: 'receiving' }), query: {} })).toEqual([
      { providerMessageId: 'SM1', deliveryId: null, providerStatus: 'receiving', status: null, errorCode: null },
    ]);
  });

  it('answers an inbound SMS in TwiML, empty when there is nothing to say', () => {
    expect(adapter.inboundReply('Da nhan')).toEqual({
      status: 200,
      contentType: 'text/xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Da nhan</Message></Response>',
    });
    expect(adapter.inboundReply(null).body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
