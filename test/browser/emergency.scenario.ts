import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, type ConsoleStack } from './console-stack.js';

const TITLE = 'Cảnh báo lũ quét';
const TEXT =
  'Mưa lớn kéo dài từ đêm qua, nước suối dâng nhanh, nguy cơ lũ quét và sạt lở tại các thôn ven suối. ' +
  'Người dân khẩn trương di chuyển người già, trẻ em lên nhà văn hóa xã; không qua ngầm tràn, không vớt củi trên suối.';

interface Commune {
  id: string;
  full_name: string;
  code: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Fills "Phát khẩn cấp": title, text, and the communes instead of the province chosen by default. */
async function compose(page: Page, title: string, text: string, chosen: Commune[]): Promise<void> {
  await page.getByRole('link', { name: 'Phát khẩn cấp', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Phát khẩn cấp' }).waitFor();
  await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
  await page.getByLabel('Nội dung', { exact: true }).fill(text);
  await page.getByLabel(/^Bỏ Tỉnh /).click();
  for (const c of chosen) {
    await page.getByPlaceholder('ví dụ: thon dong').fill(c.full_name);
    await page.getByRole('button', { name: new RegExp(`^Chọn ${escape(c.full_name)}(,|$)`) }).first().click();
  }
  await page.locator('[data-testid="emergency-preview"][aria-busy="false"]').waitFor({ timeout: 30_000 });
}

/** Serious or critical axe findings on the page as it is now (WCAG 2.1 A and AA). */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(' | ')}`);
}

/**
 * Issue 12, tried as a provincial leader would, all in the console: "Phát khẩn cấp" with a flood
 * warning to three communes on every ready channel, confirmed with the password (a wrong one first);
 * it is listed as sent with its broadcast; updated, then cancelled; with the province's rule switched on, one waits
 * and a second supervisor confirms it, another is withdrawn; and a CAP alert imported from a file waits as a draft. The
 * composer, the list and the detail pass axe.
 */
export function emergencyScenarios(stack: ConsoleStack): void {
  let communes: Commune[];
  let page: Page;

  beforeAll(async () => {
    // The demo commune (it has subscribers, and by now a loudspeaker cluster) and two more of the province.
    communes = (
      await stack.sql.query(
        `SELECT c.id, c.full_name, c.code
           FROM app_user l JOIN admin_unit p ON p.id = l.unit_id
           JOIN admin_unit c ON c.path <@ p.path AND c.level = 'commune' AND c.valid_to IS NULL
           LEFT JOIN app_user o ON o.unit_id = c.id AND o.username = 'canbo.xa'
          WHERE l.username = 'lanhdao.tinh'
          ORDER BY o.id IS NULL, c.code LIMIT 3`,
      )
    ).rows;
    expect(communes).toHaveLength(3);
    page = await stack.signedIn('lanhdao.tinh');
  });
  afterAll(() => page?.context().close());

  it('sends a flood warning to three communes on every ready channel, confirmed with the password', async () => {
    // The province is chosen by default; the leader narrows it to three communes.
    await compose(page, TITLE, TEXT, communes);

    // Live renditions from the API: the SMS in parts with its encoding, the loudspeaker script, the board, the post.
    const sms = page.getByTestId('emergency-sms-count');
    await sms.getByText(/phần tin \(tối đa \d+\)/).waitFor({ timeout: 30_000 });
    await expect(sms.innerText()).resolves.toContain('UCS-2');
    await page.getByText(`KHẨN CẤP - ${TITLE}: Mưa lớn`, { exact: false }).first().waitFor();
    await page.getByText(`Thông báo khẩn cấp. ${TITLE}.`, { exact: false }).first().waitFor();
    await page.getByText(`[KHẨN CẤP] ${TITLE}`, { exact: false }).first().waitFor();
    await page.getByText('⚠ THÔNG BÁO KHẨN CẤP').waitFor();
    const smsRecipients = page.getByRole('listitem').filter({ hasText: /^Tin nhắn SMS: [\d.]+ số điện thoại$/ });
    await smsRecipients.waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // The dialog says what goes out where; a wrong password stays on its field.
    await page.getByRole('button', { name: 'Phát khẩn cấp…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phát tin khẩn cấp ngay?' });
    await dialog.getByText(/Tin nhắn SMS: [\d.]+ số điện thoại/).waitFor();
    await dialog.getByText(communes[0].full_name, { exact: false }).waitFor();
    await dialog.getByLabel('Mật khẩu đăng nhập của bạn').fill('khong-dung-mat-khau');
    await dialog.getByRole('button', { name: 'Phát ngay' }).click();
    await dialog.getByText('Mật khẩu không đúng', { exact: false }).waitFor();
    await dialog.getByLabel('Mật khẩu đăng nhập của bạn').fill(DEMO_PASSWORD);
    await dialog.getByText('Mật khẩu không đúng', { exact: false }).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Phát ngay' }).click();
    // Gone out, or a refusal in the dialog (then its text is the failure).
    const refused = dialog
      .locator('.ant-form-item-explain-error, .ant-alert-error')
      .first()
      .waitFor({ timeout: 60_000 })
      .then(async () => Promise.reject(new Error(await dialog.innerText())));
    await Promise.race([page.waitForURL(/\/emergencies\/[0-9a-f-]{36}\?sent=1$/, { timeout: 60_000 }), refused]);
    refused.catch(() => undefined);
    await page.getByText('Đã phát tin khẩn cấp').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() as string;

    const [row] = (
      await stack.sql.query(
        `SELECT e.status, e.authorisation, e.channels, e.target_unit_ids::text[] AS units, b.priority
           FROM emergency e JOIN broadcast b ON b.id = e.broadcast_id WHERE e.id = $1`,
        [id],
      )
    ).rows;
    expect(row).toEqual(expect.objectContaining({ status: 'sent', authorisation: 'self', priority: 'emergency' }));
    expect([...row.units].sort()).toEqual(communes.map((c) => c.id).sort());
    expect(row.channels).toContain('sms');
    await page.getByRole('link', { name: 'Chi tiết lượt phát' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
  }, 120_000);

  it('lists it as sent with its broadcast', async () => {
    await page.getByRole('link', { name: 'Tin khẩn cấp', exact: true }).click();
    await page.waitForURL(/\/emergencies$/);
    const line = page.getByRole('row').filter({ hasText: TITLE }).first();
    await line.getByText('Đã phát').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await line.getByRole('link', { name: `Xem tiến độ: ${TITLE}` }).click();
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]{36}$/);
    await page.getByText('Khẩn cấp', { exact: true }).first().waitFor();
  }, 60_000);

  it('updates its text everywhere, then cancels it with a reason and the password, and it shows as cancelled', async () => {
    await page.goto('/emergencies');
    await page.getByRole('link', { name: TITLE, exact: true }).first().click();
    await page.getByRole('button', { name: 'Cập nhật nội dung' }).click();
    const update = page.getByRole('dialog', { name: 'Cập nhật tin khẩn cấp' });
    const newText = `${TEXT} Nước đã lên mức báo động 3.`;
    await update.getByLabel('Nội dung mới').fill(newText);
    await update.getByLabel('Mật khẩu đăng nhập của bạn').fill(DEMO_PASSWORD);
    await update.getByRole('button', { name: 'Cập nhật trên mọi kênh' }).click();
    await update.waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByText('Nước đã lên mức báo động 3.', { exact: false }).first().waitFor();

    await page.getByRole('button', { name: 'Hủy tin khẩn cấp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hủy tin khẩn cấp?' });
    await dialog.getByLabel('Lý do (không bắt buộc)').fill('Mưa đã ngớt, nước suối rút.');
    await dialog.getByLabel('Mật khẩu đăng nhập của bạn').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Hủy tin khẩn cấp' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Tin đã được hủy', { exact: false }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const { rows } = await stack.sql.query(`SELECT status FROM emergency WHERE id = $1`, [id]);
    expect(rows[0].status).toBe('cancelled');
    // After a reload the history still shows the update and the cancellation with its reason.
    await page.reload();
    const history = page.locator('.ant-card').filter({ hasText: 'Cập nhật và hủy' });
    await history.getByText('Cập nhật (phiên bản 2)').waitFor();
    await history.getByText('Lý do: Mưa đã ngớt, nước suối rút.').waitFor();
    await page.goto('/emergencies?status=cancelled');
    await page.getByRole('row').filter({ hasText: TITLE }).first().getByText('Đã hủy').waitFor();
  }, 60_000);

  it('with the province requiring a second supervisor, one waits and another supervisor confirms it; its author can withdraw another', async () => {
    const rule = page.getByRole('switch', { name: 'Cần lãnh đạo thứ hai xác nhận' });
    const setRule = async (on: boolean) => {
      await page.goto('/emergencies');
      await rule.click();
      await page.getByRole('dialog').getByRole('button', { name: 'Đồng ý' }).click();
      await stack.waitUntil(async () => (await rule.getAttribute('aria-checked')) === String(on), 15_000);
    };
    const sendWaiting = async (title: string): Promise<string> => {
      await compose(page, title, 'Đất đá trên taluy dương có dấu hiệu sạt trượt; không đi qua đoạn đường đèo.', [communes[0]]);
      await page.getByText('yêu cầu một lãnh đạo khác xác nhận', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Phát khẩn cấp…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Gửi tin khẩn cấp để xác nhận' });
      await dialog.getByLabel('Mật khẩu đăng nhập của bạn').fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Gửi để lãnh đạo khác xác nhận' }).click();
      await page.waitForURL(/\/emergencies\/[0-9a-f-]{36}\?sent=1$/, { timeout: 60_000 });
      await page.getByText('Đang chờ lãnh đạo thứ hai xác nhận').waitFor();
      return new URL(page.url()).pathname.split('/').pop() as string;
    };
    const row = async (id: string) => (await stack.sql.query(`SELECT status, authorisation, confirmed_by, broadcast_id FROM emergency WHERE id = $1`, [id])).rows[0];

    // A second supervisor of the province, as the province's admin would add one.
    const [province] = (await stack.sql.query(`SELECT unit_id FROM app_user WHERE username = 'lanhdao.tinh'`)).rows;
    const deputy = await stack.apiCall<{ id: string }>(await stack.token('admin.tinh'), 'POST', '/users', {
      username: 'phogiamdoc.tinh',
      displayName: 'Phó Giám đốc Sở VHTTDL',
      password: DEMO_PASSWORD,
      role: 'supervisor',
      unitId: province.unit_id,
    });

    await setRule(true);
    try {
      const id = await sendWaiting('Cảnh báo sạt lở đất');
      expect(await row(id)).toEqual(expect.objectContaining({ status: 'awaiting-second-supervisor', broadcast_id: null }));
      // Its author cannot be the second supervisor.
      await expect(page.getByRole('button', { name: 'Xác nhận và phát' }).count()).resolves.toBe(0);

      const second = await stack.signedIn('phogiamdoc.tinh');
      await second.getByRole('link', { name: 'Tin khẩn cấp', exact: true }).click();
      await second.getByRole('row').filter({ hasText: 'Cảnh báo sạt lở đất' }).getByText('Chờ lãnh đạo thứ hai').waitFor();
      await second.getByRole('link', { name: 'Cảnh báo sạt lở đất', exact: true }).click();
      await second.getByRole('button', { name: 'Xác nhận và phát' }).click();
      const confirm = second.getByRole('dialog', { name: 'Xác nhận và phát tin khẩn cấp?' });
      await confirm.getByText('Bạn là lãnh đạo thứ hai', { exact: false }).waitFor();
      await confirm.getByLabel('Mật khẩu đăng nhập của bạn').fill(DEMO_PASSWORD);
      await confirm.getByRole('button', { name: 'Xác nhận, phát ngay' }).click();
      await confirm.waitFor({ state: 'detached', timeout: 60_000 });
      await second.getByRole('link', { name: 'Chi tiết lượt phát' }).waitFor();
      expect(await row(id)).toEqual(expect.objectContaining({ status: 'sent', authorisation: 'second-supervisor', confirmed_by: deputy.id }));
      await second.context().close();

      // Another one waiting: its author withdraws it and nothing goes out.
      const other = await sendWaiting('Cảnh báo sạt lở đất (tin thứ hai)');
      await page.getByRole('button', { name: 'Rút lại' }).click();
      const withdraw = page.getByRole('dialog', { name: 'Rút lại tin khẩn cấp?' });
      await withdraw.getByLabel('Mật khẩu đăng nhập của bạn').fill(DEMO_PASSWORD);
      await withdraw.getByRole('button', { name: 'Rút lại' }).click();
      await page.getByText('Tin đã được hủy', { exact: false }).waitFor();
      expect(await row(other)).toEqual(expect.objectContaining({ status: 'cancelled', broadcast_id: null }));
    } finally {
      await setRule(false);
    }
  }, 180_000);

  it('imports a CAP alert from a file and it waits as a draft', async () => {
    // The storm warning of the fixtures, its area moved to the demo province's communes (by geocode).
    const fixture = await readFile(join(process.cwd(), 'test/fixtures/cap/vn-storm-alert.xml'), 'utf8');
    const identifier = `CB-${Date.now()}`;
    const xml = fixture
      .replace(/<cap:identifier>[^<]*</, `<cap:identifier>${identifier}<`)
      .replace(/<cap:sent>[^<]*</, `<cap:sent>${new Date().toISOString().slice(0, 19)}+00:00<`)
      .replace(/<cap:expires>[^<]*</, `<cap:expires>${new Date(Date.now() + 86_400_000).toISOString().slice(0, 19)}+00:00<`)
      .replace(/<cap:areaDesc>[^<]*</, `<cap:areaDesc>${communes[0].full_name}; ${communes[1].full_name}<`)
      .replace(/<cap:polygon>[^<]*<\/cap:polygon>\s*/, '')
      .replace(/<cap:value>06652</, `<cap:value>${communes[0].code}<`)
      .replace(/<cap:value>06658</, `<cap:value>${communes[1].code}<`);
    const file = join(await mkdtemp(join(tmpdir(), 'tincoso-cap-')), 'canh-bao-bao.xml');
    await writeFile(file, xml);

    await page.goto('/emergencies');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Nhập cảnh báo CAP' }).click()]);
    await chooser.setFiles(file);
    await page.waitForURL(/\/emergencies\/[0-9a-f-]{36}$/);
    await page.getByText('Tin nhập từ cảnh báo CAP', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Phát tin này' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const { rows } = await stack.sql.query(`SELECT status, broadcast_id, target_unit_ids::text[] AS units FROM emergency WHERE id = $1`, [id]);
    expect(rows[0]).toEqual(expect.objectContaining({ status: 'draft', broadcast_id: null }));
    expect([...rows[0].units].sort()).toEqual([communes[0].id, communes[1].id].sort());
    expect(await axeProblems(page)).toEqual([]);
  }, 60_000);
}
