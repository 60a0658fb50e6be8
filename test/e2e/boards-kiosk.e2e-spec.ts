import { mkdir, writeFile } from 'node:fs/promises';
import type { INestApplicationContext } from '@nestjs/common';
import jsqr from 'jsqr';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { startTestWorker, waitFor } from '#test/engine-fixtures.js';
import { bearer, createUnit, createUser, type TestUnit, type TestUser } from '#test/fixtures.js';
import { startTestApi, type TestApi } from '#test/test-api.js';
import { boardDeliveries, createBoardMessage, scheduleToBoards, uploadImage } from './boards-test-kit.js';

/** jsqr is CommonJS: under ESM its function is the module itself (and also its `default`). */
const jsQR = jsqr.default;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Decodes the QR code in a screenshot of an element, as a phone camera would read it off the screen. */
async function readQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

describe('board kiosk page in headless Chromium', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  let commune: TestUnit;
  let supervisor: TestUser;
  let auth: string;
  let board: { id: string; token: string };

  beforeAll(async () => {
    api = await startTestApi({}, { listen: true });
    worker = await startTestWorker(api.config);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const province = await createUnit(api.db, { name: 'Tỉnh Cao Bằng', level: 'province' });
    commune = await createUnit(api.db, { name: 'Xã Đàm Thủy', level: 'commune', parent: province });
    supervisor = await createUser(api.db, { role: 'supervisor', unit: province });
    auth = await bearer(api.http, supervisor);
    const res = await api.http.post('/api/v1/boards').set('authorization', auth).send({ unitId: commune.id, name: 'Bảng tin UBND xã' });
    board = res.body;
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('shows the slide with a readable QR code, keeps it when the network drops, and raises the emergency overlay at once (pushed)', async () => {
    const imageId = await uploadImage(api.http, auth);
    const messageId = await createBoardMessage(api.db, {
      unit: commune,
      author: supervisor,
      approver: supervisor,
      title: 'Bộ phận một cửa làm việc sáng thứ Bảy',
      body: 'Từ tháng 3, Bộ phận tiếp nhận và trả kết quả của UBND xã tiếp nhận hồ sơ cả sáng thứ Bảy (7h30 – 11h30).\nNgười dân có thể tra cứu hồ sơ bằng mã QR bên cạnh.',
      imageIds: [imageId],
    });
    const normal = await scheduleToBoards(api.http, auth, messageId, [commune.id]);
    await waitFor(() => boardDeliveries(api.db, normal), (d) => d.length === 1, 15_000, 'the slide planned by the worker');

    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${api.config.publicBaseUrl}/boards/${board.token}?poll=2`);
    await expect(page.locator('#deck .slide.active h1').textContent()).resolves.toBe('Bộ phận một cửa làm việc sáng thứ Bảy');
    await page.waitForFunction("(function () { var i = document.querySelector('#deck .slide.active img.photo'); return !!i && i.complete && i.naturalWidth === 320; })()", undefined, { timeout: 5_000 });
    expect(await readQr(page, '#deck .slide.active .qr')).toBe(`${api.config.publicBaseUrl}/public/messages/${messageId}`);
    expect(await page.locator('#overlay').isVisible()).toBe(false);
    await waitFor(() => boardDeliveries(api.db, normal), (d) => d[0]?.status === 'delivered', 10_000, 'the heartbeat confirming the slide');
    // The committed docs/board-kiosk.png is refreshed on request only, so a test run leaves the tree clean.
    const target = process.env.UPDATE_SCREENSHOTS ? '../../docs/board-kiosk.png' : '../../var/board-kiosk.png';
    await mkdir(new URL('../../var/', import.meta.url), { recursive: true });
    await writeFile(new URL(target, import.meta.url), await page.screenshot());

    await page.route('**/slides.json*', (route) => route.abort());
    await page.locator('#net', { hasText: 'Mất kết nối' }).waitFor({ timeout: 8_000 });
    await expect(page.locator('#deck .slide.active h1').isVisible()).resolves.toBe(true);
    await page.unroute('**/slides.json*');
    await page.waitForFunction("document.getElementById('net').textContent === ''", undefined, { timeout: 8_000 });

    const urgentId = await createBoardMessage(api.db, {
      unit: commune,
      author: supervisor,
      approver: supervisor,
      title: 'Cảnh báo lũ quét trên sông Quây Sơn',
      body: 'Người dân ven sông di chuyển lên vùng cao ngay, không qua ngầm tràn.',
      priority: 'emergency',
    });
    // A second screen polling at the default 20 s: the overlay must come from the change notice, not a poll.
    const pushed = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await pushed.goto(`${api.config.publicBaseUrl}/boards/${board.token}`);
    await pushed.locator('#deck .slide.active h1').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    const startedAt = Date.now();
    await scheduleToBoards(api.http, auth, urgentId, [commune.id]);
    await pushed.locator('#overlay').waitFor({ state: 'visible', timeout: 8_000 });
    expect((Date.now() - startedAt) / 1000).toBeLessThan(8);
    await expect(pushed.locator('#overlay .slide.active h1').textContent()).resolves.toBe('Cảnh báo lũ quét trên sông Quây Sơn');
    await page.locator('#overlay').waitFor({ state: 'visible', timeout: 5_000 });
    await expect(page.locator('#overlay .slide.active h1').textContent()).resolves.toBe('Cảnh báo lũ quét trên sông Quây Sơn');
    expect(await readQr(page, '#overlay .slide.active .qr')).toBe(`${api.config.publicBaseUrl}/public/messages/${urgentId}`);
  });
});
