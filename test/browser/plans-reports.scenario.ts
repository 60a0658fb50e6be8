import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { ConsoleStack } from './console-stack.js';
import { choose } from './console-actions.js';

const REPORT_TITLE = 'Báo cáo kết quả thông tin, tuyên truyền cải cách hành chính';

/** Clicks a download button and reads what the browser saved back as an xlsx workbook. */
async function downloaded(page: Page, button: string): Promise<{ name: string; book: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer as ArrayBuffer);
  return { name: download.suggestedFilename(), book };
}

/** The text of a sheet's first `rows` rows, cells joined by " | ". */
function topRows(sheet: ExcelJS.Worksheet, rows: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= rows; i++) out.push((sheet.getRow(i).values as unknown[]).slice(1).filter((v) => v !== null && v !== undefined && v !== '').join(' | '));
  return out;
}

/**
 * The provincial leader's month, all in the console: issue this year's plan with a target for every
 * commune in the plan editor, see its progress, open Báo cáo for this month, drill from the province
 * into a commune, and download both the Excel report and the plan's progress.
 */
export function plansReportsScenarios(stack: ConsoleStack): void {
  it('the demo seed issues the province’s plan for this year once, however often it runs', async () => {
    const again = await promisify(execFile)(process.execPath, ['dist/apps/cli/src/main.js', 'seed-demo'], { env: { PATH: process.env.PATH, ...stack.env } });
    expect(again.stdout).toContain('0 users, 0 messages, 0 subscribers, 0 plans, 0 activities added');
    const plans = await stack.sql.query(
      `SELECT p.period_from::text AS "from", p.period_to::text AS "to",
              (SELECT array_agg(t.metric ORDER BY t.metric) FROM plan_target t WHERE t.plan_id = p.id) AS metrics,
              (SELECT count(*)::int FROM plan_target_override o JOIN plan_target t ON t.id = o.target_id WHERE t.plan_id = p.id) AS overrides,
              (SELECT count(*)::int FROM communication_activity a JOIN app_user u ON u.unit_id = a.unit_id WHERE u.username = 'canbo.xa') AS activities
         FROM communication_plan p JOIN app_user a ON a.unit_id = p.unit_id WHERE a.username = 'lanhdao.tinh'`,
    );
    const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4);
    expect(plans.rows).toEqual([
      { from: `${year}-01-01`, to: `${year}-12-31`, metrics: ['activities', 'broadcasts', 'loudspeaker-minutes', 'posts', 'sms-reach'], overrides: 1, activities: 3 },
    ]);
  }, 60_000);

  it('creates the province’s plan for every commune, follows its progress, drills into a commune’s report and downloads both workbooks', async () => {
    const page = await stack.signedIn('lanhdao.tinh');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    const year = today.slice(0, 4);
    const title = `Kế hoạch tuyên truyền cải cách hành chính năm ${year} (${String(Date.now()).slice(-5)})`;
    const [province] = (
      await stack.sql.query(`SELECT u.name, u.path::text AS path FROM app_user a JOIN admin_unit u ON u.id = a.unit_id WHERE a.username = 'lanhdao.tinh'`)
    ).rows;
    const [{ communes }] = (
      await stack.sql.query(
        `SELECT count(*)::int AS communes FROM admin_unit WHERE path <@ $1::ltree AND level = 'commune'
            AND (valid_from IS NULL OR valid_from <= $3::date) AND (valid_to IS NULL OR valid_to >= $2::date)`,
        [province.path, `${year}-01-01`, `${year}-12-31`],
      )
    ).rows;
    expect(communes).toBeGreaterThan(1);

    // The plan editor: the plan, then one target per metric for every commune.
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    const form = page.getByRole('dialog', { name: 'Tạo kế hoạch' });
    await form.getByLabel('Tên kế hoạch').fill(title);
    await form.getByLabel('Số văn bản ban hành').fill(`15/KH-UBND`);
    await form.getByLabel('Người ký').fill('Phó Chủ tịch UBND tỉnh');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText(`01/01/${year} – 31/12/${year}`).first().waitFor();

    const targets = [
      { metric: 'Lượt phát', value: 48 },
      { metric: 'Phút phát loa', value: 600, channel: 'Loa truyền thanh' },
      { metric: 'Tỷ lệ người nhận SMS (%)', value: 60 },
      { metric: 'Bài đăng Zalo, Facebook', value: 24 },
      { metric: 'Hoạt động tuyên truyền', value: 4 },
    ];
    for (const [i, t] of targets.entries()) {
      await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm chỉ tiêu' });
      await choose(page, 'Chỉ tiêu đo', t.metric);
      if (t.channel) await choose(page, 'Kênh', t.channel);
      await dialog.getByLabel('Chỉ tiêu cho mỗi đơn vị, cả kỳ').fill(String(t.value));
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.ant-table-tbody tr.ant-table-row').nth(i).waitFor();
    }
    await expect(page.getByRole('cell', { name: 'Xã, phường', exact: true }).count()).resolves.toBe(targets.length);

    // Progress: one table per target, every commune in each.
    await page.getByRole('tab', { name: 'Tiến độ' }).click();
    const sections = page.getByRole('heading', { level: 3 });
    await sections.first().waitFor();
    await expect(sections.count()).resolves.toBe(targets.length);
    for (const text of await sections.allInnerTexts()) expect(text).toContain(`${communes} đơn vị`);
    await expect(page.getByRole('tabpanel').locator('.ant-table').first().locator('tr.ant-table-row').count()).resolves.toBe(Math.min(20, communes));

    const progress = await downloaded(page, 'Tải tiến độ Excel');
    expect(progress.name).toMatch(/^tien-do-ke-hoach-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(progress.book.worksheets.map((s) => s.name)).toEqual(['Tiến độ']);
    const progressTop = topRows(progress.book.getWorksheet('Tiến độ')!, 8).join('\n');
    expect(progressTop).toContain(province.name.toUpperCase());
    expect(progressTop).toContain(title);
    expect(progress.book.getWorksheet('Tiến độ')!.rowCount).toBeGreaterThan(targets.length * communes);

    // Báo cáo for this month, then one level down.
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await page.waitForURL(/\/reports/);
    const month = `${today.slice(5, 7)}/${year}`;
    await page.getByText(`Tháng ${month}`).first().waitFor();
    const drill = page.getByRole('button', { name: /^Xem báo cáo của / }).first();
    const commune = ((await drill.getAttribute('aria-label')) ?? '').replace('Xem báo cáo của ', '');
    expect(commune).not.toBe('');
    await drill.click();
    await page.waitForURL(/unitId=/);
    await page.getByText(`Tháng ${month}`).first().waitFor();
    await page.getByText(new RegExp(`· ${commune}$`)).first().waitFor();

    const report = await downloaded(page, 'Tải báo cáo Excel');
    expect(report.name).toMatch(/^bao-cao-.*\.xlsx$/);
    expect(report.book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Theo nhóm nội dung']);
    const reportTop = topRows(report.book.getWorksheet('Tổng hợp')!, 6);
    expect(reportTop[0]).toContain(commune.toUpperCase());
    expect(reportTop).toContain(REPORT_TITLE);
    await page.context().close();
  }, 120_000);
}
