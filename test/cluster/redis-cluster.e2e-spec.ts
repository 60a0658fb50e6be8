import type { INestApplicationContext } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { StationEventsHub, type StationEvent } from '#loudspeaker/station-events.js';
import { ReconcilerService } from '#engine/dispatch/reconciler.service.js';
import { JobHandlerRegistry } from '../../apps/worker/src/job-handler-registry.js';
import { QueueWorkersService } from '../../apps/worker/src/queue-workers.service.js';
import { createRedis, physicalQueues, probeRedis, queuePrefix, QUEUES } from '#queue/index.js';
import { withFakeTwilio } from '#test/engine-config.js';
import { createApprovedMessage, createSubscribers, deliveryCounts, startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startRedisCluster, type LocalRedisCluster } from '#test/redis-cluster.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { FakeTwilioServer } from '../fakes/fake-twilio.server.js';
import { registerStation } from '../e2e/emergencies-test-kit.js';

const SHARDS = 3;

/**
 * tincoso on a real 3-master Redis Cluster started here (redis-server in cluster mode, created with
 * redis-cli --cluster create): the api and a worker in cluster mode (REDIS_CLUSTER_NODES) with the SMS
 * lanes over three queues, running a login, an SMS broadcast and a loudspeaker emergency.
 */
describe('on a real 3-master Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let fake: FakeTwilioServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let redis: Cluster;
  let province: TestUnit;
  let officer: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    fake = await FakeTwilioServer.start({ recordMessages: true });
    api = await startTestApi({ redisClusterNodes: cluster.nodes }, { customize: withFakeTwilio(fake, { queueShards: SHARDS, batchSize: 10 }) });
    worker = await startTestWorker(api.config, { scheduler: true });
    redis = new Cluster(cluster.nodes);
    await api.db.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL, daily_cap = NULL WHERE channel IN ('sms', 'loudspeaker')`);
    province = await createUnit(api.db, { name: 'Tỉnh Cụm Máy', level: 'province' });
    officer = await createUser(api.db, { role: 'officer', unit: province });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.quit();
    await fake?.close();
    await cluster?.stop();
  });

  it('spreads the queues over the masters: each queue is its own hash tag', () => {
    const tags = Object.values(QUEUES).flatMap((queue) => physicalQueues(queue, queue.startsWith('sms-') ? SHARDS : 1));
    const owners = new Set(tags.map((tag) => cluster.nodeOfKey(`${queuePrefix(api.config.queuePrefix, tag)}:${tag}:wait`)));
    // 10 hash tags over 3 masters: all on one master would mean the tags are not per queue (1 chance in 3^9).
    expect(owners.size).toBeGreaterThan(1);
  });

  it('answers readiness with Redis up, having written and read under every queue hash tag', async () => {
    const res = await api.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.checks.redis).toEqual({ status: 'up' });
  });

  it('logs in, counting a failed attempt first (both throttle keys of the user in one slot)', async () => {
    const wrong = await api.http.post('/api/v1/auth/login').send({ username: officer.username, password: 'not-the-password-1' });
    expect(wrong.status).toBe(401);
    const failures = await redis.get(`{${api.config.queuePrefix}:login-fail:${officer.username}}`);
    expect(failures).toBe('1');
    const ok = await api.http.post('/api/v1/auth/login').send({ username: officer.username, password: officer.password });
    expect(ok.status).toBe(200);
    expect(typeof ok.body.accessToken).toBe('string');
  });

  it('sends an SMS broadcast: every subscriber once, its batches run on more than one shard queue', async () => {
    const commune = await createUnit(api.db, { name: 'Xã Nhiều Nút', level: 'commune', parent: province });
    const phones = await createSubscribers(api.db, { unit: commune, count: 120, from: 3000 });
    const messageId = await createApprovedMessage(api.db, { unit: province, author: officer, approver: supervisor, sms: 'Lịch tiếp công dân tuần tới.' });
    const res = await api.http
      .post('/api/v1/broadcasts')
      .set('authorization', await bearer(api.http, officer))
      .send({ messageId, channels: ['sms'], targets: { unitIds: [commune.id] }, schedule: { kind: 'once', at: new Date().toISOString() } });
    expect(res.status).toBe(201);
    await waitFor(() => deliveryCounts(api.db, res.body.id), (c) => c.sent === phones.length, 30_000, 'every SMS sent');
    expect(fake.messages.map((m) => m.to).sort()).toEqual([...phones].sort());

    // BullMQ's event stream of each shard records the batches it completed.
    const completedPerShard = await Promise.all(
      physicalQueues(QUEUES.smsBulk, SHARDS).map(async (shard) => {
        const events = await redis.xrange(`${queuePrefix(api.config.queuePrefix, shard)}:${shard}:events`, '-', '+');
        return events.filter(([, fields]) => fields[0] === 'event' && fields[1] === 'completed').length;
      }),
    );
    expect(completedPerShard.reduce((a, b) => a + b, 0)).toBe(12);
    expect(completedPerShard.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('sends a loudspeaker emergency: the station is told through pub/sub and pulls it, the SMS goes out on the urgent lane', async () => {
    const commune = await createUnit(api.db, { name: 'Xã Loa Khẩn', level: 'commune', parent: province });
    const head = await createUser(api.db, { role: 'supervisor', unit: commune });
    const phones = await createSubscribers(api.db, { unit: commune, count: 3, from: 5000 });
    const station = await registerStation(api, await bearer(api.http, officer), commune.id);
    const told: StationEvent[] = [];
    const stopListening = api.app.get(StationEventsHub).listen(station.id, (event) => told.push(event));
    try {
      const res = await api.http
        .post('/api/v1/emergencies')
        .set('authorization', await bearer(api.http, head))
        .send({ title: 'Cảnh báo sạt lở', text: 'Nguy cơ sạt lở đất tại thôn Khe Ná, người dân di chuyển ngay.', password: head.password });
      expect(res.status).toBe(201);
      const broadcastId = res.body.broadcastId as string;
      await waitFor(async () => told.length, (n) => n > 0, 30_000, 'the station told through pub/sub');
      expect(told[0]).toEqual(expect.objectContaining({ kind: 'emergency', stationIds: [station.id] }));

      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
      const playlist = await api.http.get(`/api/v1/devices/stations/playlist?date=${date}`).set('authorization', `Bearer ${station.token}`);
      expect(playlist.status).toBe(200);
      expect(playlist.body.items[0]).toEqual(expect.objectContaining({ priority: 'emergency', title: 'Cảnh báo sạt lở' }));

      await waitFor(() => deliveryCounts(api.db, broadcastId), (c) => c.sent === phones.length + 1, 30_000, 'every SMS sent and the station served');
      const received = fake.messages.filter((m) => phones.includes(m.to)).map((m) => m.to);
      expect(received.sort()).toEqual([...phones].sort());
    } finally {
      stopListening();
    }
  });

  it('runs the reconciler under its lease on the cluster', async () => {
    const report = await worker.get(ReconcilerService).runExclusive();
    // null only when the scheduler's own pass holds the lease at this moment; then the next one runs.
    const again = report ?? (await waitFor(() => worker.get(ReconcilerService).runExclusive(), (r) => r !== null, 5_000, 'the lease'));
    expect(again).toEqual(expect.objectContaining({ completed: expect.any(Object) }));
  });

  it('refuses a single-Redis connection pointed at a cluster node: readiness down, the worker does not start', async () => {
    const misdirected = { ...api.config, redisUrl: `redis://127.0.0.1:${cluster.nodes[1].port}/0`, redisClusterNodes: [] };
    const client = createRedis(misdirected, 'app');
    try {
      await expect(probeRedis(client, misdirected)).rejects.toThrow(/REDIS_CLUSTER_NODES/);
    } finally {
      client.disconnect();
    }
    // The worker's start-up check, run alone: a whole worker that fails to boot would leave its other connections open here.
    const workers = new QueueWorkersService(worker.get(JobHandlerRegistry), misdirected);
    await expect(workers.onApplicationBootstrap()).rejects.toThrow(/REDIS_CLUSTER_NODES/);
  });
});
