import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutcomeUnknownError, PermanentError, RetryableError } from '#domain/index.js';
import { esmsBehaviours, FakeEsmsServer } from '#fakes/fake-esms.server.js';
import type { EsmsConfig } from './esms.config.js';
import { EsmsSmsAdapter, esmsPhone } from './esms-sms.adapter.js';

const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuv';
const CALLBACK = 'https://tincoso.example.vn/api/v1/webhooks/sms/esms/status?d=77';

/** The adapter's real HTTP code against a local fake of eSMS's send API. */
describe('EsmsSmsAdapter', () => {
  let fake: FakeEsmsServer;
  beforeAll(async () => {
    fake = await FakeEsmsServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const adapter = (over: Partial<EsmsConfig> = {}) =>
    new EsmsSmsAdapter({ apiKey: fake.apiKey, secretKey: fake.secretKey, apiBaseUrl: fake.url, timeoutMs: 1_000, callbackToken: TOKEN, smsType: '2', sandbox: false, ...over });
  const send = (a: EsmsSmsAdapter, body = 'UBND xa Tan Lap thong bao: hop dan', to = '+84912345678') =>
    a.send({ deliveryId: '77', to, body, statusCallbackUrl: CALLBACK, sender: { brandname: 'UBND-TINH' } });
  const failure = async (p: Promise<unknown>): Promise<unknown> => {
    try {
      await p;
    } catch (error) {
      return error;
    }
    throw new Error('expected the send to fail');
  };

  it('sends the documented JSON, string-typed, and returns the SMSID', async () => {
    const result = await send(adapter());
    expect(result).toEqual({ providerMessageId: fake.messages[0].smsId, status: 'sent' });
    expect(fake.requests[0]).toEqual({
      ApiKey: fake.apiKey,
      SecretKey: fake.secretKey,
      Phone: '0912345678',
      Content: 'UBND xa Tan Lap thong bao: hop dan',
      Brandname: 'UBND-TINH',
      SmsType: '2',
      IsUnicode: '0',
      Sandbox: '0',
      RequestId: '77',
      CallbackUrl: `${CALLBACK}&t=${TOKEN}`,
    });
  });

  it('flags Vietnamese with diacritics as Unicode', async () => {
    await send(adapter(), 'UBND xã Tân Lập thông báo: họp dân');
    expect(fake.requests[0]).toEqual(expect.objectContaining({ IsUnicode: '1' }));
  });

  it('sends no brandname on the fixed-number route (SmsType 8)', async () => {
    await adapter({ smsType: '8' }).send({ deliveryId: '78', to: '+84912345678', body: 'Thong bao' });
    expect(fake.requests[0]).not.toHaveProperty('Brandname');
    expect(fake.requests[0]).toEqual(expect.objectContaining({ SmsType: '8' }));
  });

  it('retries the gateway throttling (429 with Retry-After) and its 503', async () => {
    fake.enqueue(esmsBehaviours.throttle(2), esmsBehaviours.unavailable());
    expect(await failure(send(adapter()))).toEqual(expect.objectContaining({ kind: 'retryable', providerCode: 'http-429', retryAfterMs: 2000 }));
    expect(await failure(send(adapter()))).toEqual(expect.any(RetryableError));
  });

  it('stops on an invalid number, wrong keys and an unregistered brandname', async () => {
    fake.enqueue(esmsBehaviours.invalidNumber());
    expect(await failure(send(adapter()))).toEqual(expect.objectContaining({ kind: 'permanent', providerCode: '108', reason: 'invalid-endpoint' }));
    expect(await failure(send(adapter({ secretKey: 'WRONGSECRET1' })))).toEqual(expect.objectContaining({ providerCode: '101', reason: 'unauthorized' }));
    fake.brandnames = new Set(['OTHER']);
    expect(await failure(send(adapter()))).toEqual(expect.objectContaining({ providerCode: '104', reason: 'rejected' }));
  });

  it('refuses without calling eSMS a number outside Vietnam, and a customer-care SMS without brandname', async () => {
    expect(await failure(send(adapter(), 'x', '+14155550100'))).toEqual(expect.objectContaining({ reason: 'invalid-endpoint' }));
    expect(await failure(adapter().send({ deliveryId: '1', to: '+84912345678', body: 'x', sender: null }))).toEqual(expect.any(PermanentError));
    expect(fake.requests).toHaveLength(0);
  });

  it('calls the outcome unknown when eSMS took the request and the answer never came', async () => {
    fake.enqueue(esmsBehaviours.hang(3_000));
    expect(await failure(send(adapter({ timeoutMs: 200 })))).toEqual(expect.any(OutcomeUnknownError));
    expect(fake.messages).toHaveLength(1);
  });

  it('a resend after a lost answer hits eSMS\'s RequestId guard (124): still unknown, no second SMS', async () => {
    await send(adapter());
    expect(await failure(send(adapter()))).toEqual(expect.objectContaining({ kind: 'outcome-unknown', providerCode: '124' }));
    expect(fake.messages).toHaveLength(1);
  });

  it('retries when nothing listens (the request never left)', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    expect(await failure(send(adapter({ apiBaseUrl: `http://127.0.0.1:${port}` })))).toEqual(expect.objectContaining({ kind: 'retryable', providerCode: 'ECONNREFUSED' }));
  });

  it('keeps Vietnamese numbers in the national form eSMS documents', () => {
    expect(esmsPhone('+84912345678')).toBe('0912345678');
    expect(esmsPhone('+14155550100')).toBeNull();
  });
});
