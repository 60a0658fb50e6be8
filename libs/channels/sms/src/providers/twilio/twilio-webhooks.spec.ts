import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { InvalidInputError } from '#domain/index.js';
import { FakeTwilioServer, postSignedWebhook } from '#fakes/fake-twilio.server.js';
import { parseInbound, parseStatusCallback, verifyTwilioSignature } from './twilio-webhooks.js';

const TOKEN = 'webhook-test-auth-token';

/**
 * A tiny receiver standing in for the API's webhook route: it verifies the signature against the
 * URL it is reached at and records only verified callbacks (403 otherwise, nothing recorded).
 */
async function startReceiver() {
  const received: Record<string, string>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}${req.url}`;
      if (!verifyTwilioSignature(TOKEN, url, params, req.headers['x-twilio-signature'])) {
        res.writeHead(403).end('forged');
        return;
      }
      received.push(params);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('verifyTwilioSignature over HTTP', () => {
  let fake: FakeTwilioServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ authToken: TOKEN });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it('accepts a status callback signed like Twilio signs it, query string included', async () => {
    const res = await fake.sendStatusCallback(receiver.url('/status?d=dlv-42'), {
      sid: 'SM00000000000000000000000000000001',
      status: 'delivered',
      to: '+84912345678',
    });
    expect(res.status).toBe(204);
    expect(receiver.received.at(-1)).toMatchObject({ MessageSid: 'SM00000000000000000000000000000001', MessageStatus: 'delivered' });
  });

  it('answers 403 and records nothing for a forged, tampered or unsigned callback', async () => {
    const before = receiver.received.length;
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const forged = await postSignedWebhook(receiver.url('/status'), params, 'not-the-token');
    expect(forged.status).toBe(403);

    const url = receiver.url('/status');
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams({ ...params, MessageStatus: 'failed' }).toString(),
    });
    expect(tampered.status).toBe(403);

    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(403);
    expect(receiver.received).toHaveLength(before);
  });

  it('refuses a signature made for another URL (replayed to a different delivery)', async () => {
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, receiver.url('/status?d=a'), params);
    expect(verifyTwilioSignature(TOKEN, receiver.url('/status?d=b'), params, signature)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, receiver.url('/status?d=a'), params, signature)).toBe(true);
    expect(verifyTwilioSignature(TOKEN, receiver.url('/status?d=a'), params, [signature])).toBe(true);
    expect(verifyTwilioSignature('', receiver.url('/status?d=a'), params, signature)).toBe(false);
  });

  it('delivers a signed inbound SMS', async () => {
    const res = await fake.sendInbound(receiver.url('/inbound'), { from: '+84912345678', body: 'HỦY' });
    expect(res.status).toBe(204);
    const inbound = parseInbound(receiver.received.at(-1)!);
    expect(inbound).toMatchObject({ from: '+84912345678', body: 'HỦY' });
    expect(inbound.providerMessageId).toMatch(/^SM/);
  });
});

describe('parseStatusCallback', () => {
  it('reads sid, status and error code', () => {
    expect(
      parseStatusCallback({ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30003', To: '+84912345678' }),
    ).toEqual({ providerMessageId: 'SM1', status: 'undelivered', errorCode: '30003' });
    expect(parseStatusCallback({ SmsSid: 'SM2', SmsStatus: 'Sent' })).toEqual({
      providerMessageId: 'SM2',
      status: 'sent',
      errorCode: null,
    });
  });

  it('refuses a callback without a sid or a status', () => {
    expect(() => parseStatusCallback({ MessageStatus: 'sent' })).toThrow(InvalidInputError);
    expect(() => parseStatusCallback({ MessageSid: 'SM1' })).toThrow(InvalidInputError);
  });
});

describe('parseInbound', () => {
  // Normalising the sender and reading the keyword are the SMS channel's (sms-webhooks.service.spec.ts).
  it('reads the sender as received and the body', () => {
    expect(parseInbound({ MessageSid: 'SM1', From: '+841681234567', Body: ' tu choi ', To: '+15005550006' })).toEqual({
      providerMessageId: 'SM1',
      from: '+841681234567',
      body: ' tu choi ',
    });
  });

  it('treats a missing body as empty and a missing sender as invalid input', () => {
    expect(parseInbound({ MessageSid: 'SM1', From: '+84912345678' })).toMatchObject({ body: '' });
    expect(() => parseInbound({ MessageSid: 'SM1', Body: 'STOP' })).toThrow(InvalidInputError);
  });
});
