import { readdirSync, readFileSync, type ReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { subscriberArea } from './subscribers-test-kit.js';

const ROWS = 30_000;
const MB = 1024 * 1024;

/**
 * Row i: a fresh number, except every 1,000th row (malformed) and, after the first chunk, every 500th
 * (a repeat of the number of row i - 4,250: in the same chunk of 5,000 or the one before).
 */
function isRepeat(i: number): boolean {
  return i >= 5000 && i % 500 === 250;
}
function phoneOf(i: number): string {
  if (i % 1000 === 999) return `0900-${i}-abc`;
  if (isRepeat(i)) return `0${900_000_000 + i - 4250}`;
  return `0${900_000_000 + i}`;
}

/** The file is generated while it is uploaded: it never exists as one string or buffer. */
function generatedCsv(rows: number): Readable {
  return Readable.from(
    (function* () {
      yield 'phone;full_name;tags\n';
      for (let start = 0; start < rows; start += 1000) {
        let lines = '';
        for (let i = start; i < Math.min(start + 1000, rows); i++) lines += `${phoneOf(i)};Người dân số ${i};"thôn ${i % 7};đợt ${i % 3}"\n`;
        yield lines;
      }
    })(),
  );
}

/**
 * A full garbage collection without --expose-gc (npm test does not pass it): V8 collects lazily, so
 * heapUsed alone mostly measures garbage not yet collected; live memory is what must stay flat.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const FIRST_LINES = 'phone;full_name;tags\n0900000000;Người dân số 0;';

/**
 * multer's temporary files (32 hex digits in the OS temp folder) holding this test's upload. Other test
 * files upload lists into the same folder at the same time, so a file counts only if it starts with
 * this file's first lines.
 */
function ourTempFiles(): string[] {
  return readdirSync(tmpdir()).filter((name) => {
    if (!/^[0-9a-f]{32}$/.test(name)) return false;
    try {
      return readFileSync(join(tmpdir(), name)).subarray(0, Buffer.byteLength(FIRST_LINES)).toString() === FIRST_LINES;
    } catch {
      return false; // deleted between the listing and the read
    }
  });
}

/** The temp file is deleted once the answer is on its way, without holding the answer up: allow it a moment. */
async function ourTempFilesAfterSettling(): Promise<string[]> {
  for (let waited = 0; waited < 10_000; waited += 200) {
    if (ourTempFiles().length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ourTempFiles();
}

describe('subscriber CSV import streams: flat memory and visible progress', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof subscriberArea>>;

  beforeAll(async () => {
    api = await startTestApi();
    area = await subscriberArea(api, 'Luồng');
  });
  afterAll(() => api.close(), 120_000);

  it(`imports ${ROWS.toLocaleString('en')} generated rows in chunks, counting duplicates and errors, without holding the file`, async () => {
    let malformed = 0;
    let repeats = 0;
    for (let i = 0; i < ROWS; i++) {
      if (i % 1000 === 999) malformed++;
      else if (isRepeat(i)) repeats++;
    }
    expect(ourTempFiles()).toEqual([]);
    const liveBefore = liveHeap();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    let livePeak = liveBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 25);

    const progress: { status: string; rowsRead: number; processedRows: number; totalRows: number | null }[] = [];
    let answered = false;
    const started = Date.now();
    // superagent streams any Readable into the multipart body; its types only name fs.ReadStream.
    const request = api.http
      .post('/api/v1/subscribers/imports')
      .set('authorization', area.officerA.auth)
      .field('unitId', area.communeA.id)
      .attach('file', generatedCsv(ROWS) as ReadStream, { filename: 'sieu-lon.csv', contentType: 'text/csv' })
      .then((res) => {
        answered = true;
        return res;
      });
    // The live heap takes a full collection of this process, which also runs the api: sampled every
    // 250 ms to 3 s, never more than a tenth of the time below that, or a loaded machine (CI beside the browser
    // tests) spends the import in collections (404 s there against 8 s alone with a fixed 1 s interval).
    let liveSamples = 0;
    const liveSampler = (async () => {
      while (!answered) {
        const sampleStarted = performance.now();
        livePeak = Math.max(livePeak, liveHeap());
        liveSamples++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(3000, Math.max(250, 9 * (performance.now() - sampleStarted)))));
      }
    })();
    const poller = (async () => {
      while (!answered) {
        const list = await api.http.get('/api/v1/subscribers/imports').set('authorization', area.supervisor.auth);
        const running = list.body.items?.[0];
        if (running) progress.push({ status: running.status, rowsRead: running.rowsRead, processedRows: running.processedRows, totalRows: running.totalRows });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const res = await request;
    await poller;
    await liveSampler;
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const liveAfter = liveHeap();

    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        status: 'completed',
        rowsRead: ROWS,
        inserted: ROWS - malformed - repeats,
        merged: repeats,
        rejected: malformed,
      }),
    );
    expect(res.body.firstErrors[0]).toEqual(expect.objectContaining({ rowNo: 1001, field: 'phone', rule: 'format', raw: expect.stringMatching(/^0900-999-abc;/) }));
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM subscriber WHERE unit_id = $1`, [area.communeA.id]);
    expect(n).toBe(ROWS - malformed - repeats);
    // Row 5,250 repeats row 1,000's number across a chunk boundary: merged in the database, tags united, name kept.
    const [merged] = await api.db.query(`SELECT full_name, tags FROM subscriber WHERE phone = '+84900001000'`);
    expect(merged).toEqual({ full_name: 'Người dân số 1000', tags: ['thôn 6', 'đợt 1', 'thôn 0', 'đợt 0'] });

    const running = progress.filter((p) => p.status === 'running');
    expect(running.some((p) => p.rowsRead > 0 && p.rowsRead < ROWS)).toBe(true);
    const rowsSeen = running.map((p) => p.rowsRead);
    expect(rowsSeen).toEqual([...rowsSeen].sort((a, b) => a - b));
    // A progress bar: the length of the file is known from the first poll that sees the import.
    expect(running.every((p) => p.totalRows === ROWS && p.processedRows === p.rowsRead)).toBe(true);

    const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
    process.stdout.write(
      `subscriber import of ${ROWS} rows: ${seconds.toFixed(1)} s; heapUsed without GC ${mb(heapBefore)} → peak ${mb(heapPeak)} ` +
        `(+${mb(heapPeak - heapBefore)}, garbage not yet collected included); live heap ${mb(liveBefore)} → peak ${mb(livePeak)} ` +
        `(+${mb(livePeak - liveBefore)}, ${liveSamples} samples) → after ${mb(liveAfter)}; ${running.length} progress polls saw it running\n`,
    );
    // Holding the rows as objects would cost well over 40 MB here; a chunk of 5,000 rows costs a few.
    expect(liveSamples).toBeGreaterThan(1);
    expect((livePeak - liveBefore) / MB).toBeLessThan(40);
    expect((liveAfter - liveBefore) / MB).toBeLessThan(20);
    expect(await ourTempFilesAfterSettling()).toEqual([]);
  }, 600_000);
  // 200k rows took 10–30 s on a quiet 2-core machine before the subscriber search gained its two
  // trigram indexes (issue 9), 75–85 s with them; in CI beside the browser tests 100k took 288 s of the
  // 20-minute budget. The test keeps 30,000 rows (six chunks, repeats across chunk boundaries, progress
  // polls): enough to see chunking, progress and a heap that does not follow the file; the import's
  // speed at scale is an open item in docs/benchmarks.md. The time bound only catches a hang.
});
