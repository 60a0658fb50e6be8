import { InvalidInputError } from '#domain/index.js';
import type { SmsWebhookRequest } from '../../sms-provider.js';
import { callbackParams, parseEsmsStatus, verifyEsmsCallback, withCallbackToken } from './esms-webhooks.js';

const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuv';
const request = (query: Record<string, string>): SmsWebhookRequest => ({ url: 'https://x.vn/api/v1/webhooks/sms/esms/status', headers: {}, query, body: {} });
/** The customer-care sample of eSMS's "Callback Url" page, one receiver. */
const SAMPLE = {
  SMSID: 'dc712784-9c5f-4c69-b9a8-ea69d56adc9a87',
  SendFailed: '0',
  SendStatus: '5',
  SendSuccess: '1',
  TotalPrice: '800.0000',
  TotalReceiver: '1',
  TotalSent: '1',
  RequestId: '42',
  TypeId: '2',
  telcoid: '1',
  phonenumber: '0901888484',
};

describe('eSMS callbacks', () => {
  it('adds the token to our callback URL and keeps its delivery id', () => {
    const url = new URL(withCallbackToken('https://x.vn/api/v1/webhooks/sms/esms/status?d=42', TOKEN));
    expect(url.searchParams.get('d')).toBe('42');
    expect(url.searchParams.get('t')).toBe(TOKEN);
  });

  it('accepts the right token only', () => {
    expect(verifyEsmsCallback(TOKEN, request({ ...SAMPLE, d: '42', t: TOKEN }))).toBe(true);
    expect(verifyEsmsCallback(TOKEN, request({ ...SAMPLE, d: '42', t: `${TOKEN}x` }))).toBe(false);
    expect(verifyEsmsCallback(TOKEN, request({ ...SAMPLE, d: '42' }))).toBe(false);
    expect(verifyEsmsCallback('', request({ ...SAMPLE, t: '' }))).toBe(false);
  });

  it('reads a URL to which eSMS appended "?SMSID=…" after our own query', () => {
    const params = callbackParams(request({ d: '42', t: `${TOKEN}?SMSID=abc&SendStatus=5&SendSuccess=1` }));
    expect(params).toEqual(expect.objectContaining({ d: '42', t: TOKEN, SMSID: 'abc', SendStatus: '5' }));
    expect(verifyEsmsCallback(TOKEN, request({ d: '42', t: `${TOKEN}?SMSID=abc` }))).toBe(true);
  });

  it.each([
    [{ SendStatus: '5', SendSuccess: '1', SendFailed: '0' }, 'delivered', null],
    [{ SendStatus: '5', SendSuccess: '0', SendFailed: '1' }, 'undelivered', 'esms-send-failed'],
    [{ SendStatus: '4', SendSuccess: '0', SendFailed: '1' }, 'failed', 'esms-rejected'],
    [{ SendStatus: '7', SendSuccess: '0', SendFailed: '0' }, 'sent', null],
    [{ SendStatus: '2', SendSuccess: '0', SendFailed: '0' }, 'sent', null],
    [{ SendStatus: '9', SendSuccess: '0', SendFailed: '0' }, null, null],
  ])('maps %j to %s', (fields, status, errorCode) => {
    expect(parseEsmsStatus(request({ ...SAMPLE, ...fields, d: '42', t: TOKEN }))).toEqual({
      providerMessageId: SAMPLE.SMSID,
      deliveryId: '42',
      providerStatus: fields.SendStatus,
      status,
      errorCode,
    });
  });

  it('falls back on RequestId for the delivery id, and names a missing SMSID', () => {
    expect(parseEsmsStatus(request({ ...SAMPLE })).deliveryId).toBe('42');
    const { SMSID: _, ...withoutId } = SAMPLE;
    expect(() => parseEsmsStatus(request(withoutId))).toThrow(InvalidInputError);
  });
});
