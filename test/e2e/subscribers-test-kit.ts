import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { loadConfig, type AppConfig } from '#config/index.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { inboundParams } from '../fakes/fake-twilio.protocol.js';

export const TWILIO_TEST_TOKEN = 'subscribers-e2e-auth-token-0123456789';
export const INBOUND_PATH = '/api/v1/webhooks/twilio/inbound';

export interface Caller {
  user: TestUser;
  auth: string;
}

/**
 * A province with two communes (A has villages Đông and Tây) and a second province elsewhere:
 * officers of A and B, a supervisor of the province, an officer of the other province.
 */
export async function subscriberArea(api: TestApi, label: string) {
  const area = randomUUID().slice(0, 8);
  const province = await createUnit(api.db, { name: `Tỉnh ${label}`, level: 'province' });
  const communeA = await createUnit(api.db, { name: `Xã ${label} A`, level: 'commune', parent: province });
  const communeB = await createUnit(api.db, { name: `Xã ${label} B`, level: 'commune', parent: province });
  const elsewhere = await createUnit(api.db, { name: `Tỉnh khác ${label}`, level: 'province' });
  const elsewhereCommune = await createUnit(api.db, { name: `Xã khác ${label}`, level: 'commune', parent: elsewhere });
  const caller = async (role: TestUser['role'], unit: TestUnit): Promise<Caller> => {
    const user = await createUser(api.db, { role, unit });
    return { user, auth: await bearer(api.http, user) };
  };
  const officerA = await caller('officer', communeA);
  const village = async (name: string, code?: string) => {
    const res = await api.http
      .post(`/api/v1/units/${communeA.id}/villages`)
      .set('authorization', officerA.auth)
      .send({ name, type: 'village', ...(code ? { code } : {}) });
    if (res.status !== 201) throw new Error(`village ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; name: string; fullName: string };
  };
  return {
    province,
    communeA,
    communeB,
    elsewhereCommune,
    dong: await village('Đông', `TD-${area}`),
    tay: await village('Tây'),
    officerA,
    officerB: await caller('officer', communeB),
    supervisor: await caller('supervisor', province),
    outsider: await caller('officer', elsewhereCommune),
  };
}

/** A form POST signed the way Twilio signs it: over the public URL it was configured with. */
export function signedInbound(api: TestApi, params: Record<string, string>, token = TWILIO_TEST_TOKEN) {
  const signature = twilio.getExpectedTwilioSignature(token, `${api.config.publicBaseUrl}${INBOUND_PATH}`, params);
  return api.http.post(INBOUND_PATH).type('form').set('x-twilio-signature', signature).send(params);
}

export function inboundSms(from: string, body: string): Record<string, string> {
  return inboundParams('AC00000000000000000000000000000000', { from, body });
}

/**
 * Config overrides that make Twilio this API's provider, so its inbound webhook exists. No worker
 * runs in these tests, and the API base URL is a closed port: nothing could reach Twilio anyway.
 */
export function twilioInboundConfig(): Partial<AppConfig> {
  const base = loadConfig({ NODE_ENV: 'test' });
  return {
    sms: { ...base.sms, provider: 'twilio' },
    env: {
      ...base.env,
      TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
      TWILIO_AUTH_TOKEN: TWILIO_TEST_TOKEN,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
    },
  };
}
