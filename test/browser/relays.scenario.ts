import { expect } from '@jest/globals';
import type { ConsoleStack } from './console-stack.js';

const TZ = 'Asia/Ho_Chi_Minh';

/** A daily slot 90 minutes or more from now whose ten minutes do not cross midnight (local). */
function slotSoon(): { start: string; end: string } {
  for (let minutes = 90; ; minutes += 30) {
    const at = new Date(Date.now() + minutes * 60_000);
    const [h, m] = at.toLocaleTimeString('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).split(':').map(Number);
    if (h * 60 + m + 10 < 24 * 60) {
      const end = h * 60 + m + 10;
      const hhmm = (n: number) => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
      return { start: hhmm(h * 60 + m), end: hhmm(end) };
    }
  }
}

/**
 * "Tin từ cấp trên": the province sends a normal loudspeaker bulletin down to the demo commune; its
 * officer places it in a slot of the commune's cluster from the console, and the province's leader
 * sees that commune as placed on the broadcast's page.
 */
export function relaysScenarios(stack: ConsoleStack): void {
  let quietHours: { quiet_start: string | null; quiet_end: string | null }[];
  beforeAll(async () => {
    // The airing chosen must not fall in quiet hours whatever the time the test runs at.
    quietHours = (await stack.sql.query(`SELECT quiet_start, quiet_end FROM channel_policy WHERE channel = 'loudspeaker'`)).rows;
    await stack.sql.query(`UPDATE channel_policy SET quiet_start = NULL, quiet_end = NULL WHERE channel = 'loudspeaker'`);
  });
  afterAll(async () => {
    for (const q of quietHours) await stack.sql.query(`UPDATE channel_policy SET quiet_start = $1, quiet_end = $2 WHERE channel = 'loudspeaker'`, [q.quiet_start, q.quiet_end]);
  });

  it("is placed by the commune's officer in a slot of their choosing, and shows as placed to the province", async () => {
    const marker = String(Date.now()).slice(-6);
    const title = `Tỉnh thông báo cấp đổi giấy tờ ${marker}`;
    const slotLabel = `Bản tin tiếp sóng ${marker}`;
    const users = await stack.sql.query(`SELECT u.username, u.id, u.unit_id, a.name FROM app_user u JOIN admin_unit a ON a.id = u.unit_id WHERE u.username IN ('canbo.xa', 'lanhdao.tinh')`);
    const officerUser = users.rows.find((r) => r.username === 'canbo.xa');
    const leaderUser = users.rows.find((r) => r.username === 'lanhdao.tinh');

    // The commune's cluster with a daily slot, as its officer set it up before.
    const officerToken = await stack.token('canbo.xa');
    const { station } = await stack.apiCall<{ station: { id: string } }>(officerToken, 'POST', '/loudspeakers/stations', { name: `Đài xã ${marker}`, kind: 'commune-radio' });
    const { start, end } = slotSoon();
    const slot = await stack.apiCall<{ id: string }>(officerToken, 'POST', '/loudspeakers/slots', { stationId: station.id, label: slotLabel, daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: start, endTime: end });

    // The province's approved bulletin (written and approved elsewhere), sent now to the commune's loudspeakers.
    const script = `Thông báo của tỉnh: người dân cấp đổi giấy tờ tùy thân trực tuyến. Mã ${marker}.`;
    const { rows: [message] } = await stack.sql.query(
      `INSERT INTO message (unit_id, created_by, status, current_version, approved_version, approved_at, approved_by, row_version)
       VALUES ($1, $2, 'approved', 1, 1, now(), $2, 1) RETURNING id`,
      [leaderUser.unit_id, leaderUser.id],
    );
    await stack.sql.query(
      `INSERT INTO message_version (message_id, version_no, author_id, title, body, content_group, priority, renditions)
       VALUES ($1, 1, $2, $3, $4, 'local-responsibility', 'normal', $5)`,
      [message.id, leaderUser.id, title, script, JSON.stringify({ loudspeaker: script })],
    );
    const leaderToken = await stack.token('lanhdao.tinh');
    const request = { messageId: message.id, channels: ['loudspeaker'], targets: { unitIds: [officerUser.unit_id] }, schedule: { kind: 'once', at: new Date().toISOString() } };
    await stack.waitUntil(() => stack.apiCall(leaderToken, 'POST', '/broadcasts/preview', request).then(() => true, () => false), 60_000);
    const { id: broadcastId } = await stack.apiCall<{ id: string }>(leaderToken, 'POST', '/broadcasts', request);
    await stack.waitUntil(async () => (await stack.sql.query(`SELECT 1 FROM station_relay WHERE broadcast_id = $1`, [broadcastId])).rowCount! > 0, 120_000);

    // The officer finds it waiting and places it in the slot's first airing.
    const officer = await stack.signedIn('canbo.xa');
    await officer.getByRole('link', { name: 'Tin từ cấp trên' }).click();
    await officer.getByRole('heading', { name: 'Tin từ cấp trên', level: 1 }).waitFor();
    const row = officer.getByRole('row').filter({ hasText: title });
    await row.getByText('Chờ xếp lịch', { exact: true }).waitFor();
    expect(await row.textContent()).toContain(leaderUser.name);
    await row.getByRole('button', { name: `Xếp vào khung giờ: ${title}` }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByText(`Xếp vào khung giờ: ${title}`).waitFor();
    await dialog.getByRole('button', { name: new RegExp(`^Chọn ${slotLabel} ${start} ngày`) }).first().click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Đã xếp lịch', { exact: true }).waitFor();
    expect(await row.textContent()).toContain(`${slotLabel}, `);

    const { rows: placed } = await stack.sql.query(`SELECT status, slot_id, placed_by, airs_at FROM station_relay WHERE broadcast_id = $1`, [broadcastId]);
    expect(placed).toEqual([expect.objectContaining({ status: 'placed', slot_id: slot.id, placed_by: officerUser.id })]);
    expect(placed[0].airs_at.toLocaleTimeString('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe(start);

    // Nothing is left to place: the action is gone from its row.
    expect(await row.getByRole('button', { name: `Xếp vào khung giờ: ${title}` }).count()).toBe(0);

    // The province's leader sees the commune as placed by its officer, with the deadline setting.
    const leader = await stack.signedIn('lanhdao.tinh');
    await leader.goto(`/broadcasts/${broadcastId}`);
    const card = leader.locator('.ant-card').filter({ has: leader.getByText('Tiếp sóng ở cấp xã', { exact: true }) });
    await card.getByText('Hạn xếp lịch: 24 giờ').waitFor();
    const line = card.getByRole('row').filter({ hasText: officerUser.name });
    await line.getByText(/^Cán bộ xã xếp/).waitFor();
    expect(await line.textContent()).toContain(slotLabel);
    await card.getByText('Cán bộ xã xếp: 1', { exact: true }).waitFor();
    await card.getByText('Chưa xếp: 0', { exact: true }).waitFor();
    const report = await stack.apiCall<{ unitId: string; status: string; outcome: string }[]>(leaderToken, 'GET', `/relays/broadcasts/${broadcastId}/report`);
    expect(report).toEqual([expect.objectContaining({ unitId: officerUser.unit_id, status: 'placed', outcome: 'scheduled' })]);

    for (const p of [officer, leader]) await p.context().close();
  }, 300_000);
}
