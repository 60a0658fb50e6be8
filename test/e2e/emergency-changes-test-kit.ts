import { localDate } from '#domain/index.js';
import { createSubscribers, waitFor } from '#test/engine-fixtures.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { bearer, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import type { TestApi } from '#test/test-api.js';
import { FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { quietNow, registerBoard, registerStation, TZ } from './emergencies-test-kit.js';
import { communeWithAccounts, startSocialWorld, type SocialWorld } from './social-test-kit.js';

/**
 * A commune reached on every channel: SMS (Twilio faked), a loudspeaker station, a board, a Zalo OA
 * and a Facebook Page (both faked), with an API listening on a real port (for the station's stream)
 * and a worker in this process. Quiet hours are on now, so only an emergency goes out.
 */
export interface ChangesWorld extends SocialWorld {
  sms: FakeTwilioServer;
  commune: TestUnit;
  supervisor: TestUser;
  auth: string;
  station: { id: string; token: string };
  board: { id: string; token: string };
  /** Opted in and reached. */
  phones: string[];
  /** Opted in, but the provider refuses the number: never handed over. */
  refused: string;
}

export async function startChangesWorld(name: string, from: number): Promise<ChangesWorld> {
  const sms = await FakeTwilioServer.start({ recordMessages: true });
  const world = await startSocialWorld({ provinceName: name, customize: withFakeTwilio(sms), onClose: () => sms.close() });
  const api = world.api;
  const accounts = await communeWithAccounts(world, `Xã ${name}`);
  const commune = accounts.unit;
  const supervisor = await createUser(api.db, { role: 'supervisor', unit: commune });
  const phones = await createSubscribers(api.db, { unit: commune, count: 2, from });
  const [refused] = await createSubscribers(api.db, { unit: commune, count: 1, from: from + 50 });
  await createSubscribers(api.db, { unit: commune, count: 1, from: from + 60, optedOut: true });
  sms.respondTo(refused, { kind: 'error', httpStatus: 400, code: 21211 });
  const station = await registerStation(api, world.adminAuth, commune.id);
  const board = await registerBoard(api, world.adminAuth, commune.id);
  await api.db.query(`UPDATE channel_policy SET daily_cap = 1 WHERE channel = 'sms'`);
  await quietNow(api.db);
  return { ...world, supervisor, sms, commune, auth: await bearer(api.http, supervisor), station, board, phones, refused };
}

/** A station's server-sent event stream over real HTTP, collecting what arrives. */
export async function openStationStream(api: TestApi, token: string): Promise<{ text: () => string; events: (kind: string) => Record<string, unknown>[]; close: () => void }> {
  const abort = new AbortController();
  const res = await fetch(`${api.config.publicBaseUrl}/api/v1/devices/stations/stream`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!res.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`stream: ${res.status}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      received += decoder.decode(value, { stream: true });
    }
  })();
  await waitFor(async () => received, (t) => t.includes('event: hello'), 5_000, 'stream open');
  return {
    text: () => received,
    events: (kind) => [...received.matchAll(new RegExp(`event: ${kind}\\ndata: (.*)\\n`, 'g'))].map((m) => JSON.parse(m[1])),
    close: () => abort.abort(),
  };
}

export async function pullPlaylist(api: TestApi, token: string): Promise<{ itemId: string; title: string; priority: string; audio: { id: string } }[]> {
  const res = await api.http.get(`/api/v1/devices/stations/playlist?date=${localDate(new Date(), TZ)}`).set('authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`playlist: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

export async function boardSlides(api: TestApi, token: string): Promise<{ title: string; body: string; priority: string }[]> {
  return (await api.http.get(`/boards/${token}/slides.json`)).body.slides;
}

/** The supervisor's confirmed requests (the password sent along), as the console makes them. */
export function supervisorRequests(w: ChangesWorld) {
  const confirmed = (path: string, body: object) => w.api.http.post(path).set('authorization', w.auth).send({ password: w.supervisor.password, ...body });
  return {
    send: (body: object) => confirmed('/api/v1/emergencies', body),
    update: (id: string, body: object) => confirmed(`/api/v1/emergencies/${id}/update`, body),
    cancel: (id: string) => confirmed(`/api/v1/emergencies/${id}/cancel`, {}),
  };
}

/** The Facebook posts and Zalo articles at the fakes that are up and carry `title`. */
export function livePosts(w: ChangesWorld, title: string): { graph: ChangesWorld['graph']['posts']; zalo: ChangesWorld['zalo']['articles'] } {
  return {
    graph: w.graph.posts.filter((p) => !p.deleted && p.message.includes(title)),
    zalo: w.zalo.articles.filter((a) => !a.removed && a.title.includes(title)),
  };
}

/** SMS the fake accepted for these numbers, in order, from index `since` of its record. */
export function smsTo(w: ChangesWorld, since: number): { to: string; body: string }[] {
  return w.sms.messages.slice(since).map((m) => ({ to: m.to, body: m.body }));
}
