import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { behaviours, FakeTwilioServer } from './fake-twilio.server.js';

const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('FakeTwilioServer', () => {
  let fake: FakeTwilioServer;
  const auth = () => `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;
  const create = (form: Record<string, string>, authorization = auth(), account = fake.accountSid) =>
    fetch(`${fake.url}/2010-04-01/Accounts/${account}/Messages.json`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  beforeAll(async () => {
    fake = await FakeTwilioServer.start();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('answers 201 with Twilio message JSON, counting segments', async () => {
    const res = await create({ To: '+84912345678', From: '+15005550006', Body: 'ả'.repeat(71) });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({
      account_sid: fake.accountSid,
      to: '+84912345678',
      from: '+15005550006',
      status: 'queued',
      num_segments: '2',
      direction: 'outbound-api',
      error_code: null,
    });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    const fetched = await fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Messages/${body.sid}.json`, {
      headers: { authorization: auth() },
    });
    expect((await json(fetched)).sid).toBe(body.sid);
  });

  it('answers 401 / 20003 like Twilio for bad credentials or another account', async () => {
    const form = { To: '+84912345678', From: '+1', Body: 'x' };
    const answers = [await create(form, 'Basic Zm9vOmJhcg=='), await create(form, auth(), 'AC0')];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
    }
    expect(fake.stats).toMatchObject({ unauthorized: 2, accepted: 0 });
  });

  it.each([
    [{ From: '+1', Body: 'x' }, 21604],
    [{ To: '+84912345678', From: '+1' }, 21602],
    [{ To: '+84912345678', Body: 'x' }, 21603],
    [{ To: '0912345678', From: '+1', Body: 'x' }, 21211],
  ])('validates the request like Twilio (%j → %i)', async (form, code) => {
    const res = await create(form);
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe(code);
  });

  it('plays scripted behaviours in order, then the default', async () => {
    fake.enqueue(behaviours.rateLimited(2), behaviours.serverError());
    const form = { To: '+84912345678', From: '+1', Body: 'x' };
    const first = await create(form);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(await json(first)).toMatchObject({ code: 20429, status: 429 });
    expect((await create(form)).status).toBe(500);
    expect((await create(form)).status).toBe(201);
    expect(fake.stats).toMatchObject({ requests: 3, rejected: 2, accepted: 1 });
  });

  it('posts signed status callbacks automatically when asked to', async () => {
    const received: { signature: string | undefined; params: Record<string, string>; url: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        received.push({ signature: req.headers['x-twilio-signature'] as string, params, url: req.url! });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb?d=42`;
    const auto = await FakeTwilioServer.start({ autoCallbacks: { statuses: ['sent', 'delivered'] }, recordMessages: false });
    try {
      const res = await fetch(`${auto.url}/2010-04-01/Accounts/${auto.accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${auto.accountSid}:${auto.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ To: '+84912345678', From: '+1', Body: 'x', StatusCallback: callbackUrl }).toString(),
      });
      const sid = (await json(res)).sid;
      for (let i = 0; i < 200 && auto.stats.callbacksSent < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(received.map((r) => r.params.MessageStatus)).toEqual(['sent', 'delivered']);
      for (const r of received) {
        expect(r.params.MessageSid).toBe(sid);
        expect(twilio.validateRequest(auto.authToken, r.signature!, callbackUrl, r.params)).toBe(true);
      }
      expect(auto.messages).toHaveLength(0);
      expect(auto.stats).toMatchObject({ accepted: 1, callbacksSent: 2 });
    } finally {
      await auto.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('exposes stats and scripting on local control endpoints', async () => {
    await fetch(`${fake.url}/__fake/script`, {
      method: 'POST',
      body: JSON.stringify({ to: '+84900000000', behaviour: behaviours.optedOut() }),
    });
    expect((await create({ To: '+84900000000', From: '+1', Body: 'x' })).status).toBe(400);
    expect(await json(await fetch(`${fake.url}/__fake/stats`))).toMatchObject({ requests: 1, rejected: 1 });
  });
});
