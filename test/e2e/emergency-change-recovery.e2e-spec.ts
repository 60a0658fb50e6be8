import { jest } from '@jest/globals';
import { CHANNEL_DEFINITIONS, type ChannelDefinition } from '#engine/channel-definition.js';
import { BroadcastsService } from '#engine/broadcasts/broadcasts.service.js';
import { JOBS, JobQueue, QUEUES } from '#queue/index.js';
import { waitFor } from '#test/engine-fixtures.js';
import { boardSlides, livePosts, openStationStream, pullPlaylist, smsTo, startChangesWorld, supervisorRequests, type ChangesWorld } from './emergency-changes-test-kit.js';

const TITLE = 'Cảnh báo sạt lở';
const NEW_TITLE = 'Sạt lở: sơ tán ngay';
const NEW_TEXT = 'Đất đá đã sạt xuống đường liên thôn, người dân thôn Khe Mít sơ tán lên trụ sở xã.';
const REDIS_REFUSED = "CROSSSLOT Keys in request don't hash to the same slot";

/**
 * Redis refuses what an emergency's update or cancellation does after its commit: the request still
 * answers with the change (it is committed and stands), the change row says it is not propagated, and
 * the worker's pass completes it once, through the job its cron enqueues.
 */
describe('emergency changes whose propagation failed after the commit', () => {
  let w: ChangesWorld;

  beforeAll(async () => {
    w = await startChangesWorld('Khôi Phục Khẩn', 7500);
  });
  afterAll(() => w?.close());

  const send = (body: object) => supervisorRequests(w).send(body);
  const update = (id: string, body: object) => supervisorRequests(w).update(id, body);
  const cancel = (id: string) => supervisorRequests(w).cancel(id);
  const live = (title: string) => livePosts(w, title);
  const changeRows = (emergencyId: string): Promise<{ kind: string; propagated: boolean }[]> =>
    w.api.db.query(`SELECT kind, propagated_at IS NOT NULL AS propagated FROM emergency_change WHERE emergency_id = $1 ORDER BY created_at`, [emergencyId]);
  /** The worker's cron job, run as it would be once the changes are past their grace; done when it is completed (and so removed). */
  const workerPass = async (emergencyId: string, slot: string): Promise<void> => {
    await w.api.db.query(`UPDATE emergency_change SET created_at = created_at - interval '1 minute' WHERE emergency_id = $1`, [emergencyId]);
    const jobs = w.api.app.get(JobQueue);
    await jobs.add(JOBS.completeEmergencyChanges, { payload: { slot } });
    await waitFor(() => jobs.queue(QUEUES.housekeeping).getJob(`emergency-changes-${slot}`), (job) => job === undefined, 20_000, 'the worker pass');
  };

  it('answers an update whose propagation Redis refused with the change, then the worker brings every channel to it once', async () => {
    const stream = await openStationStream(w.api, w.station.token);
    try {
      const sent = await send({ title: TITLE, text: 'Mưa lớn, nguy cơ sạt lở taluy dương.' });
      expect(sent.status).toBe(201);
      const [before] = await waitFor(() => pullPlaylist(w.api, w.station.token), (items) => items.length === 1, 30_000, "the station's item");
      await waitFor(async () => live(TITLE), (l) => l.graph.length === 1 && l.zalo.length === 1, 20_000, 'posts');
      const articlesBefore = w.zalo.articles.length;

      // The first channel to hear of an update refuses: none of them does.
      const channels = w.api.app.get<ChannelDefinition[]>(CHANNEL_DEFINITIONS, { strict: false });
      const first = (sent.body.channels as string[]).map((code) => channels.find((c) => c.code === code)!).find((c) => c.replace)!;
      const refused = jest.spyOn(first, 'replace').mockRejectedValueOnce(new Error(REDIS_REFUSED));
      const afterFirst = w.sms.messages.length;
      const res = await update(sent.body.id, { title: NEW_TITLE, body: NEW_TEXT });
      expect(refused).toHaveBeenCalledTimes(1);
      refused.mockRestore();
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ status: 'sent', title: NEW_TITLE, messageVersion: 2 }));
      expect(await changeRows(sent.body.id)).toEqual([{ kind: 'update', propagated: false }]);
      // The follow-up SMS do not wait for the pass: their batches are planned rows, woken apart.
      await waitFor(async () => smsTo(w, afterFirst), (m) => m.length >= 2, 20_000, 'follow-up SMS');
      // Nothing else heard of it: the station, the board and the posts still carry the first version.
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await pullPlaylist(w.api, w.station.token))[0]).toEqual(expect.objectContaining({ itemId: before.itemId, title: TITLE }));
      expect(await boardSlides(w.api, w.board.token)).toEqual([expect.objectContaining({ title: TITLE })]);
      expect(live(NEW_TITLE)).toEqual({ graph: [], zalo: [] });

      await workerPass(sent.body.id, 'recovery-update');
      expect(await changeRows(sent.body.id)).toEqual([{ kind: 'update', propagated: true }]);
      const [after] = await waitFor(() => pullPlaylist(w.api, w.station.token), (items) => items[0]?.title === NEW_TITLE, 30_000, 'item with the new speech');
      expect(after).toEqual(expect.objectContaining({ itemId: before.itemId, priority: 'emergency' }));
      expect(after.audio.id).not.toBe(before.audio.id);
      await waitFor(async () => stream.events('emergency').length, (n) => n >= 2, 5_000, 'second emergency event');
      expect(await boardSlides(w.api, w.board.token)).toEqual([expect.objectContaining({ title: NEW_TITLE, body: NEW_TEXT, priority: 'emergency' })]);
      await waitFor(async () => live(NEW_TITLE), (l) => l.graph.length === 1 && l.zalo.length === 1, 20_000, 'posts brought to the update');

      // A second pass finds nothing: the Zalo article is not reposted again.
      await workerPass(sent.body.id, 'recovery-update-again');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(w.zalo.articles.length).toBe(articlesBefore + 1);
      expect(live(NEW_TITLE).graph).toHaveLength(1);

      // An update whose propagation went through is marked at once.
      const again = await update(sent.body.id, { title: `${NEW_TITLE} (2)`, body: NEW_TEXT });
      expect(again.status).toBe(200);
      expect(await changeRows(sent.body.id)).toEqual([
        { kind: 'update', propagated: true },
        { kind: 'update', propagated: true },
      ]);
    } finally {
      stream.close();
    }
  });

  it('answers a cancellation whose withdrawal Redis refused, then the worker tells the station to stop and takes the posts down', async () => {
    const stream = await openStationStream(w.api, w.station.token);
    try {
      const title = 'Cảnh báo lốc xoáy';
      const sent = await send({ title, text: 'Lốc xoáy có thể xảy ra chiều nay, người dân không trú dưới cây lớn.' });
      expect(sent.status).toBe(201);
      await waitFor(() => pullPlaylist(w.api, w.station.token), (items) => items.some((i) => i.title === title), 30_000, "the station's item");
      await waitFor(async () => live(title), (l) => l.graph.length === 1 && l.zalo.length === 1, 20_000, 'posts');

      const refused = jest.spyOn(w.api.app.get(BroadcastsService), 'afterCancel').mockRejectedValueOnce(new Error(REDIS_REFUSED));
      const res = await cancel(sent.body.id);
      expect(refused).toHaveBeenCalledTimes(1);
      refused.mockRestore();
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ status: 'cancelled' }));
      expect(await changeRows(sent.body.id)).toEqual([{ kind: 'cancel', propagated: false }]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(stream.events('stop')).toEqual([]);
      expect(live(title).graph).toHaveLength(1);

      await workerPass(sent.body.id, 'recovery-cancel');
      expect(await changeRows(sent.body.id)).toEqual([{ kind: 'cancel', propagated: true }]);
      const [stop] = await waitFor(async () => stream.events('stop'), (events) => events.length === 1, 10_000, 'stop on the stream');
      expect(stop).toEqual(expect.objectContaining({ occurrenceId: expect.any(String) }));
      await waitFor(async () => live(title), (l) => l.graph.length === 0 && l.zalo.length === 0, 20_000, 'posts taken down');
      expect(await pullPlaylist(w.api, w.station.token)).not.toEqual(expect.arrayContaining([expect.objectContaining({ title })]));
    } finally {
      stream.close();
    }
  });
});
