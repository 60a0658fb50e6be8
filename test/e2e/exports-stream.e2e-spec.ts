import { get as httpGet, type IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApprovedMessage } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';

const ROWS = 100_000;

// heapUsed counts garbage not yet collected; a full collection before each sample measures what is live.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * A large delivery CSV streams: 200,000 deliveries written set-based, read over a real socket without
 * keeping the body, while the heap is sampled as chunks arrive. The server reads 2,000 rows a query
 * and writes as the socket drains, so chunks arrive long before the end and the heap never grows by
 * anything near the file's size.
 */
describe('CSV exports: a large delivery export streams', () => {
  let api: TestApi;
  let broadcastId: string;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({}, { listen: true });
    const commune = await createUnit(api.db, { name: 'Xã Dữ Liệu Lớn', level: 'commune' });
    const supervisor = await createUser(api.db, { role: 'supervisor', unit: commune });
    token = await bearer(api.http, supervisor);
    const messageId = await createApprovedMessage(api.db, { unit: commune, author: supervisor, approver: supervisor, sms: 'Tin lớn' });
    [{ id: broadcastId }] = await api.db.query(
      `INSERT INTO broadcast (unit_id, message_id, message_version, created_by, status, channels, targets, schedule, time_zone, priority)
       VALUES ($1, $2, 1, $3, 'running', '{sms}', '{}', '{}', 'Asia/Ho_Chi_Minh', 'normal') RETURNING id`,
      [commune.id, messageId, supervisor.id],
    );
    const [{ id: occurrenceId }] = await api.db.query(
      `INSERT INTO occurrence (broadcast_id, due_at, status, message_version, planned_at) VALUES ($1, now(), 'planned', 1, now()) RETURNING id`,
      [broadcastId],
    );
    await api.db.query(
      `INSERT INTO delivery (occurrence_id, due_at, broadcast_id, channel, endpoint, batch_no, status, attempts, not_before, sent_at, final_at, provider_code, failure_kind)
       SELECT $1, (SELECT due_at FROM occurrence WHERE id = $1), $2, 'sms', '+8491' || lpad(n::text, 7, '0'), n / 1000,
              CASE WHEN n % 10 = 0 THEN 'failed' ELSE 'delivered' END, 1 + n % 3,
              '2026-12-01T01:00:00Z', '2026-12-01T01:00:30Z', '2026-12-01T01:01:00Z',
              CASE WHEN n % 10 = 0 THEN '30003' END, CASE WHEN n % 10 = 0 THEN 'exhausted' END
         FROM generate_series(1, $3::int) AS n`,
      [occurrenceId, broadcastId, ROWS],
    );
  }, 120_000);
  afterAll(() => api.close());

  it('sends every row in many chunks with the heap bounded well under the file size', async () => {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpGet(`${api.config.publicBaseUrl}/api/v1/broadcasts/${broadcastId}/deliveries.csv`, { headers: { authorization: token } }, resolve).on('error', reject);
    });
    expect(response.statusCode).toBe(200);
    collect();
    const heapAtStart = process.memoryUsage().heapUsed;
    let peakGrowth = 0;
    let bytes = 0;
    let chunks = 0;
    let lines = 0;
    let firstChunkAtBytes = -1;
    let tail = '';
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks += 1;
      bytes += chunk.length;
      if (firstChunkAtBytes < 0) firstChunkAtBytes = bytes;
      const text = tail + chunk.toString('utf8');
      const parts = text.split('\r\n');
      tail = parts.pop() ?? '';
      lines += parts.length;
      if (chunks % 25 === 0) collect();
      if (chunks % 25 === 0) peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - heapAtStart);
    }
    expect(tail).toBe('');
    expect(lines).toBe(ROWS + 1);
    // The file is ~15 MB; it arrives in many pieces (at least one per 2,000-row batch), the first long before the end.
    expect(bytes).toBeGreaterThan(10_000_000);
    expect(chunks).toBeGreaterThanOrEqual(ROWS / 2_000);
    expect(firstChunkAtBytes).toBeLessThan(bytes / 50);
    // Server and client share this process: holding the rows (as objects) or the body would cost several times `bytes`.
    expect(peakGrowth).toBeLessThan(bytes / 4);
  }, 120_000);
});
