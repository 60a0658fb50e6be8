import type { AppConfig } from '#config/index.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { createSubscribers } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeGraphServer } from '../fakes/fake-graph.server.js';
import { FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { FakeZaloServer } from '../fakes/fake-zalo.server.js';
import { plusMinutes, slotAt } from './loudspeakers-test-kit.js';

/** A commune of the world, with its subscribers, a loudspeaker station, a board and an officer. */
export interface ChannelCommune {
  unit: TestUnit;
  phones: string[];
  station: { id: string; token: string };
  board: { id: string; token: string };
  officerAuth: string;
}

/**
 * Every channel wired for a worker that runs as a child process: Twilio, Zalo and Graph faked at the
 * HTTP boundary, their settings in both the in-process config (the API) and the environment the
 * child is started with (worker-process.ts passes config.env through).
 */
export interface ChannelsWorld {
  api: TestApi;
  twilio: FakeTwilioServer;
  zalo: FakeZaloServer;
  graph: FakeGraphServer;
  province: TestUnit;
  communes: [ChannelCommune, ChannelCommune];
  officer: TestUser;
  supervisor: TestUser;
  officerAuth: string;
  supervisorAuth: string;
  /** The local date of the loudspeaker slot's airing, for playlist pulls. */
  slotDate: string;
  close(): Promise<void>;
}

function withFakeSocial(zalo: FakeZaloServer, graph: FakeGraphServer) {
  return (config: AppConfig): AppConfig => ({
    ...config,
    social: {
      ...config.social,
      zaloApiBaseUrl: zalo.url,
      zaloOauthBaseUrl: zalo.url,
      graphApiBaseUrl: graph.url,
      graphApiVersion: graph.version,
      timeoutMs: 1500,
      maxAttempts: 3,
    },
    env: {
      ...config.env,
      ZALO_API_BASE_URL: zalo.url,
      ZALO_OAUTH_BASE_URL: zalo.url,
      GRAPH_API_BASE_URL: graph.url,
      GRAPH_API_VERSION: graph.version,
      SOCIAL_TIMEOUT_MS: '1500',
      SOCIAL_MAX_ATTEMPTS: '3',
    },
  });
}

export async function startChannelsWorld(sms: Partial<AppConfig['sms']>): Promise<ChannelsWorld> {
  const twilio = await FakeTwilioServer.start({ recordMessages: true });
  const zalo = await FakeZaloServer.start();
  const graph = await FakeGraphServer.start('v25.0');
  // A send Twilio does not answer ends after 5 s, so a test can hold the worker in the middle of a fan-out.
  const slowTimeout = (c: AppConfig): AppConfig => ({ ...c, env: { ...c.env, TWILIO_TIMEOUT_MS: '5000' } });
  const api = await startTestApi({}, { listen: true, customize: (c) => slowTimeout(withFakeSocial(zalo, graph)(withFakeTwilio(twilio, sms)(c))) });
  await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL`);
  const province = await createUnit(api.db, { name: 'Tỉnh Đa Kênh', level: 'province' });
  const admin = await createUser(api.db, { role: 'admin', unit: province });
  const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
  const officer = await createUser(api.db, { role: 'officer', unit: province });
  const adminAuth = await bearer(api.http, admin);
  const officerAuth = await bearer(api.http, officer);
  // A slot of 20 minutes that does not cross midnight.
  const soon = slotAt(30);
  const slot = plusMinutes(soon.time, 20) > soon.time ? soon : slotAt(50);

  const post = async (path: string, auth: string, body: Record<string, unknown>) => {
    const res = await api.http.post(path).set('authorization', auth).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // Posts go to the accounts of the message's unit: the province's Zalo OA and Facebook Page.
  const oa = { oaId: '77701', appId: '987601', appSecret: 'zalo-app-secret-1-AbC' };
  const tokens = zalo.addOa({ ...oa, name: 'OA Tỉnh Đa Kênh' });
  await post('/api/v1/channel-accounts', adminAuth, {
    unitId: province.id,
    platform: 'zalo',
    name: 'Zalo Tỉnh Đa Kênh',
    externalId: oa.oaId,
    appId: oa.appId,
    appSecret: oa.appSecret,
    ...tokens,
    canBroadcast: true,
  });
  const pageId = '201000888';
  await post('/api/v1/channel-accounts', adminAuth, {
    unitId: province.id,
    platform: 'facebook',
    name: 'Facebook Tỉnh Đa Kênh',
    externalId: pageId,
    accessToken: graph.addPage(pageId, 'Trang Tỉnh Đa Kênh'),
  });

  const communes: ChannelCommune[] = [];
  for (const [i, name] of ['Xã Đa Kênh Một', 'Xã Đa Kênh Hai'].entries()) {
    const unit = await createUnit(api.db, { name, level: 'commune', parent: province });
    const phones = await createSubscribers(api.db, { unit, count: i === 0 ? 9 : 7, from: 100 * (i + 1) });
    const created = await post('/api/v1/loudspeakers/stations', officerAuth, { unitId: unit.id, name: `Cụm loa ${name}`, kind: 'ip-cluster' });
    const station = { id: created.station.id as string, token: created.token as string };
    await post('/api/v1/loudspeakers/slots', officerAuth, {
      stationId: station.id,
      label: 'Bản tin',
      daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
      startTime: slot.time,
      endTime: plusMinutes(slot.time, 20),
    });
    const board = await post('/api/v1/boards', officerAuth, { unitId: unit.id, name: `Bảng tin ${name}` });
    const communeOfficer = await createUser(api.db, { role: 'officer', unit });
    communes.push({ unit, phones, station, board: { id: board.id, token: board.token }, officerAuth: await bearer(api.http, communeOfficer) });
  }

  return {
    api,
    twilio,
    zalo,
    graph,
    province,
    communes: communes as [ChannelCommune, ChannelCommune],
    officer,
    supervisor,
    officerAuth,
    supervisorAuth: await bearer(api.http, supervisor),
    slotDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(slot.airsAt),
    async close() {
      await api.close();
      await Promise.all([twilio.close(), zalo.close(), graph.close()]);
    },
  };
}
