import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '#config/index.js';
import { createApprovedMessage, startTestWorker } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeGraphServer } from '../fakes/fake-graph.server.js';
import { FakeZaloServer } from '../fakes/fake-zalo.server.js';

/** A key that was rotated out: still listed in SECRETS_OLD_KEYS, so what it sealed still opens. */
export const ROTATED_OUT_KEY = 'c0'.repeat(32);

/** Zalo and Graph pointed at the local fakes, short timeouts and fast engine timers. */
export function withFakeSocial(zalo: FakeZaloServer, graph: FakeGraphServer) {
  return (config: AppConfig): AppConfig => ({
    ...config,
    secrets: { key: config.secrets.key, oldKeys: [ROTATED_OUT_KEY] },
    social: {
      zaloApiBaseUrl: zalo.url,
      zaloOauthBaseUrl: zalo.url,
      graphApiBaseUrl: graph.url,
      graphApiVersion: graph.version,
      timeoutMs: 600,
      maxAttempts: 3,
      refreshWithinHours: 6,
      facebookScheduleAheadDays: 7,
    },
    sms: { ...config.sms, backoffBaseMs: 50, backoffCapMs: 300 },
    engine: { reconcileIntervalSeconds: 1, sendingTimeoutSeconds: 3, recurrenceHorizonDays: 14 },
    worker: { lockDurationMs: 3000, stalledIntervalMs: 2000 },
  });
}

export interface SocialWorld {
  api: TestApi;
  worker: INestApplicationContext;
  zalo: FakeZaloServer;
  graph: FakeGraphServer;
  province: TestUnit;
  admin: TestUser;
  officer: TestUser;
  supervisor: TestUser;
  adminAuth: string;
  officerAuth: string;
  close(): Promise<void>;
}

/** `customize` adds to the configuration (another fake provider); `onClose` runs after everything else closed. */
export async function startSocialWorld(
  options: { provinceName?: string; customize?: (config: AppConfig) => AppConfig; onClose?: () => Promise<void> } = {},
): Promise<SocialWorld> {
  const zalo = await FakeZaloServer.start();
  const graph = await FakeGraphServer.start('v25.0');
  const customize = options.customize ?? ((config: AppConfig) => config);
  const api = await startTestApi({}, { listen: true, customize: (config) => withFakeSocial(zalo, graph)(customize(config)) });
  const worker = await startTestWorker(api.config);
  const province = await createUnit(api.db, { name: options.provinceName ?? 'Tỉnh Thử Mạng Xã Hội', level: 'province' });
  const admin = await createUser(api.db, { role: 'admin', unit: province });
  const officer = await createUser(api.db, { role: 'officer', unit: province });
  const supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
  return {
    api,
    worker,
    zalo,
    graph,
    province,
    admin,
    officer,
    supervisor,
    adminAuth: await bearer(api.http, admin),
    officerAuth: await bearer(api.http, officer),
    async close() {
      await worker.close();
      await api.close();
      await zalo.close();
      await graph.close();
      await options.onClose?.();
    },
  };
}

export interface CommuneAccounts {
  unit: TestUnit;
  zaloId: string;
  zaloTokens: { accessToken: string; refreshToken: string };
  zaloApp: { appId: string; appSecret: string };
  facebookId: string;
  pageId: string;
  pageToken: string;
}

let counter = 0;

/** A commune with a Zalo OA and a Facebook Page, added through the API as an admin would. */
export async function communeWithAccounts(w: SocialWorld, name: string, zaloExpiresAt?: Date): Promise<CommuneAccounts> {
  counter += 1;
  const unit = await createUnit(w.api.db, { name, level: 'commune', parent: w.province });
  const zaloApp = { appId: `43210${counter}`, appSecret: `zalo-app-secret-${counter}-XyZ` };
  const oaId = `5550${counter}`;
  const zaloTokens = w.zalo.addOa({ oaId, name: `OA ${name}`, ...zaloApp });
  const zalo = await w.api.http
    .post('/api/v1/channel-accounts')
    .set('authorization', w.adminAuth)
    .send({
      unitId: unit.id,
      platform: 'zalo',
      name: `Zalo ${name}`,
      externalId: oaId,
      ...zaloApp,
      ...zaloTokens,
      canBroadcast: true,
      ...(zaloExpiresAt ? { accessExpiresAt: zaloExpiresAt.toISOString() } : {}),
    });
  if (zalo.status !== 201) throw new Error(`zalo account: ${zalo.status} ${JSON.stringify(zalo.body)}`);
  const pageId = `10${counter}000777`;
  const pageToken = w.graph.addPage(pageId, `Trang ${name}`);
  const facebook = await w.api.http
    .post('/api/v1/channel-accounts')
    .set('authorization', w.adminAuth)
    .send({ unitId: unit.id, platform: 'facebook', name: `Facebook ${name}`, externalId: pageId, accessToken: pageToken });
  if (facebook.status !== 201) throw new Error(`facebook account: ${facebook.status} ${JSON.stringify(facebook.body)}`);
  return { unit, zaloId: zalo.body.id, zaloTokens, zaloApp, facebookId: facebook.body.id, pageId, pageToken };
}

/** An approved message of the unit scheduled on the channels; returns the broadcast and message ids. */
export async function scheduleSocial(
  w: SocialWorld,
  unit: TestUnit,
  channels: string[],
  at = new Date(),
  title = 'Thông báo lịch tiếp công dân',
  attachmentIds: string[] = [],
): Promise<{ broadcastId: string; messageId: string }> {
  const messageId = await createApprovedMessage(w.api.db, {
    unit,
    author: w.officer,
    approver: w.supervisor,
    sms: 'UBND xã tiếp công dân vào sáng thứ Năm hằng tuần tại bộ phận một cửa.',
    title,
    attachmentIds,
  });
  const res = await w.api.http
    .post('/api/v1/broadcasts')
    .set('authorization', w.officerAuth)
    .send({ messageId, channels, targets: { unitIds: [unit.id] }, schedule: { kind: 'once', at: at.toISOString() } });
  if (res.status !== 201) throw new Error(`schedule: ${res.status} ${JSON.stringify(res.body)}`);
  return { broadcastId: res.body.id, messageId };
}

/** A file uploaded through the API for the unit, as an officer would attach a photo. */
export async function uploadFor(w: SocialWorld, unit: TestUnit, bytes: Buffer, name: string): Promise<string> {
  const res = await w.api.http.post('/api/v1/attachments').set('authorization', w.officerAuth).field('unitId', unit.id).attach('file', bytes, name);
  if (res.status !== 201) throw new Error(`upload of ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export interface DeliveryRow {
  id: string;
  channel: string;
  endpoint: string;
  status: string;
  attempts: number;
  provider_message_id: string | null;
  provider_code: string | null;
  last_error: string | null;
  failure_kind: string | null;
  failure_reason: string | null;
  not_before: Date;
}

export async function deliveriesOf(w: SocialWorld, broadcastId: string): Promise<Record<string, DeliveryRow>> {
  const rows: DeliveryRow[] = await w.api.db.query(
    `SELECT id::text, channel, endpoint, status, attempts, provider_message_id, provider_code, last_error, failure_kind, failure_reason, not_before
       FROM delivery WHERE broadcast_id = $1`,
    [broadcastId],
  );
  return Object.fromEntries(rows.map((r) => [r.channel, r]));
}

export async function attemptsOf(w: SocialWorld, deliveryId: string): Promise<{ outcome: string; provider_code: string | null }[]> {
  return w.api.db.query(`SELECT outcome, provider_code FROM delivery_attempt WHERE delivery_id = $1 ORDER BY id`, [deliveryId]);
}
