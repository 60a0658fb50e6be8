import { expect } from '@jest/globals';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import type { ConsoleStack } from './console-stack.js';
import { savedMessageId, writeMessage } from './console-actions.js';

const SMS = 'UBND xã Bảo Lâm: từ tháng 12, người dân nộp hồ sơ khai sinh trực tuyến tại dichvucong.gov.vn. Mã tin BL-';

function tinyPng(): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  png.data.fill(0x2a);
  return PNG.sync.write(png);
}

/** HH:mm on the unit's wall clock, `minutes` from now, and the local date of that moment. */
function localClock(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const date = at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  const time = at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return { date, time };
}

async function approveInInbox(supervisor: Page, title: string): Promise<void> {
  await supervisor.goto('/inbox');
  await supervisor.getByRole('button', { name: `Duyệt: ${title}` }).click();
  await supervisor.getByRole('button', { name: `Duyệt: ${title}` }).waitFor({ state: 'detached' });
}

/**
 * The day issue 9 describes, all in the console: write with an SMS rendition and a photo, submit, get
 * it approved (and a correction approved with its diff), schedule it to SMS and loudspeakers two
 * minutes ahead, find it on the calendar, and watch it go out. The loudspeaker cluster is played by
 * this test through the device API, as the cluster's firmware would.
 */
export function officerDayScenarios(stack: ConsoleStack): void {
  let quietHours: { channel: string; quiet_start: string | null; quiet_end: string | null }[];
  beforeAll(async () => {
    // What is tested is the console, not the time of day the test happens to run at.
    quietHours = (await stack.sql.query(`SELECT channel, quiet_start, quiet_end FROM channel_policy`)).rows;
    await stack.sql.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL`);
  });
  afterAll(async () => {
    for (const q of quietHours) await stack.sql.query(`UPDATE channel_policy SET quiet_start = $2, quiet_end = $3 WHERE channel = $1`, [q.channel, q.quiet_start, q.quiet_end]);
  });

  it('writes, gets approved, schedules to SMS and loudspeakers, and watches it reach every subscriber once', async () => {
    const marker = String(Date.now()).slice(-6);
    const title = `Nộp hồ sơ khai sinh trực tuyến ${marker}`;
    const officer = await stack.signedIn('canbo.xa');

    // A loudspeaker cluster with a programme slot a few minutes from now (set up by the officer before).
    const token = await stack.token('canbo.xa');
    const { station, token: deviceToken } = await stack.apiCall<{ station: { id: string }; token: string }>(token, 'POST', '/loudspeakers/stations', {
      name: `Cụm loa thôn ${marker}`,
      kind: 'ip-cluster',
    });
    const slot = localClock(5);
    const slotEnd = localClock(35).time > slot.time ? localClock(35).time : '23:59';
    await stack.apiCall(token, 'POST', '/loudspeakers/slots', { stationId: station.id, label: 'Bản tin thử', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: slot.time, endTime: slotEnd });

    // Write: SMS counter switches from UCS-2 to GSM-7 with "Không dấu"; a photo attached.
    await writeMessage(officer, { title, body: 'Từ tháng 12, người dân có thể nộp hồ sơ đăng ký khai sinh trực tuyến.', contentGroup: 'Hiện đại hóa hành chính (chính quyền điện tử, chính quyền số, dịch vụ công trực tuyến)' });
    await officer.getByLabel('Nội dung tin nhắn SMS').fill(SMS + marker);
    // The counter re-renders after the input: wait for the text (a bare read can see the previous render).
    await officer.getByTestId('sms-encoding').filter({ hasText: /^UCS-2$/ }).waitFor({ timeout: 10_000 });
    await officer.getByLabel('Không dấu', { exact: true }).click();
    await officer.getByTestId('sms-encoding').filter({ hasText: /^GSM-7$/ }).waitFor({ timeout: 10_000 });
    expect(await officer.getByTestId('sms-plain-text').textContent()).toContain('UBND xa Bao Lam: tu thang 12');
    await officer.getByRole('tab', { name: 'Loa truyền thanh' }).click();
    await officer.getByLabel('Kịch bản đọc trên loa').fill('Thông báo của Ủy ban nhân dân xã về nộp hồ sơ khai sinh trực tuyến.');
    await officer.locator('input[type=file]').last().setInputFiles({ name: 'anh-bo-phan-mot-cua.png', mimeType: 'image/png', buffer: tinyPng() });
    await officer.getByRole('list', { name: 'Tệp đính kèm' }).getByText('anh-bo-phan-mot-cua.png').waitFor();
    await officer.getByRole('button', { name: 'Gửi duyệt' }).click();
    const messageId = await savedMessageId(officer);
    const attached = await stack.sql.query(`SELECT attachment_ids FROM message_version WHERE message_id = $1 ORDER BY version_no DESC LIMIT 1`, [messageId]);
    expect(attached.rows[0].attachment_ids).toHaveLength(1);

    // The supervisor approves; the officer corrects; the supervisor sees exactly the added words.
    const supervisor = await stack.signedIn('lanhdao.tinh');
    await approveInInbox(supervisor, title);
    await officer.reload();
    await officer.getByLabel('Nội dung', { exact: true }).fill('Từ tháng 12, người dân có thể nộp hồ sơ đăng ký khai sinh trực tuyến, không cần đến trụ sở.');
    await officer.getByRole('button', { name: 'Gửi duyệt' }).click();
    await officer.getByText('Chờ duyệt', { exact: true }).first().waitFor();
    await supervisor.goto('/inbox');
    await supervisor.getByText('Sửa từ phiên bản đã duyệt 1').waitFor();
    const waiting = supervisor.getByRole('article', { name: title });
    await waiting.locator('ins', { hasText: 'trụ sở' }).first().waitFor();
    expect((await waiting.locator('ins').allTextContents()).join(' ')).toContain('không cần đến trụ sở');
    expect(await waiting.locator('del').count()).toBeLessThanOrEqual(1); // at most the full stop the clause replaced
    await approveInInbox(supervisor, title);

    // Schedule: the wizard, from the approved message.
    await officer.goto(`/messages/${messageId}`);
    await officer.getByRole('button', { name: 'Lên lịch phát' }).click();
    await officer.waitForURL(/\/broadcasts\/new/);
    await officer.getByRole('button', { name: 'Tiếp tục' }).click();
    await officer.getByPlaceholder('ví dụ: thon dong').fill('bao lam');
    await officer.getByRole('button', { name: 'Chọn Xã Bảo Lâm' }).click();
    await officer.getByRole('button', { name: 'Tiếp tục' }).click();
    await officer.getByRole('checkbox', { name: 'Tin nhắn SMS' }).check();
    await officer.getByRole('checkbox', { name: 'Loa truyền thanh' }).check();
    await officer.getByText('Sẵn sàng').nth(1).waitFor({ timeout: 60_000 });
    await officer.getByRole('button', { name: 'Tiếp tục' }).click();
    await officer.getByRole('button', { name: 'Sau 2 phút' }).click();
    await officer.getByRole('button', { name: 'Tiếp tục' }).click();
    const subscribers = Number(
      (await stack.sql.query(`SELECT count(*) FROM subscriber s JOIN app_user u ON u.unit_id = s.unit_id WHERE u.username = 'canbo.xa' AND s.opted_out_at IS NULL`)).rows[0].count,
    );
    await officer.getByRole('cell', { name: `${subscribers.toLocaleString('vi-VN')} số điện thoại` }).waitFor({ timeout: 30_000 });
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await officer.waitForURL(/\/broadcasts\/[0-9a-f-]{36}$/);
    const broadcastId = officer.url().split('/').pop() as string;

    // The calendar shows it; clicking it opens the broadcast.
    await officer.goto('/calendar');
    await officer.getByText(title).first().click();
    await officer.waitForURL(`**/broadcasts/${broadcastId}`);

    // At its time the engine runs it; the cluster pulls its playlist and reports the play.
    await stack.waitUntil(async () => {
      const { rows } = await stack.sql.query(`SELECT count(*)::int AS n FROM delivery d JOIN occurrence o ON o.id = d.occurrence_id WHERE o.broadcast_id = $1 AND d.channel = 'loudspeaker'`, [broadcastId]);
      return rows[0].n > 0;
    }, 240_000);
    const playlist = await stack.device<{ items: { itemId: string; title: string }[] }>(deviceToken, 'GET', `/devices/stations/playlist?date=${slot.date}`);
    const item = playlist.items.find((i) => i.title === title);
    expect(item).toBeDefined();
    const now = Date.now();
    await stack.device(deviceToken, 'POST', '/devices/stations/plays', [
      { itemId: item!.itemId, event: 'start', at: new Date(now - 8000).toISOString() },
      { itemId: item!.itemId, event: 'end', at: new Date(now).toISOString() },
    ]);

    // The detail page follows it live to the end.
    await officer.getByText('Hoàn thành', { exact: true }).first().waitFor({ timeout: 180_000 });
    const sent = await stack.sql.query(`SELECT "to", count(*)::int AS n FROM sandbox_sms WHERE body LIKE $1 GROUP BY "to"`, [`%BL-${marker}`]);
    expect(sent.rows).toHaveLength(subscribers);
    expect(sent.rows.every((r) => r.n === 1)).toBe(true);
    const expected = await stack.sql.query(`SELECT s.phone FROM subscriber s JOIN app_user u ON u.unit_id = s.unit_id WHERE u.username = 'canbo.xa' AND s.opted_out_at IS NULL ORDER BY 1`);
    expect(sent.rows.map((r) => r.to).sort()).toEqual(expected.rows.map((r) => r.phone));

    for (const p of [officer, supervisor]) await p.context().close();
  }, 600_000);
}
