import { readFile } from 'node:fs/promises';
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { ConsoleStack } from './console-stack.js';

/** The sheet a village head keeps: two good rows, the first repeated, a landline and a foreign number. */
async function villageSheet(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(['phone', 'full_name', 'tags', 'consent_source']);
  sheet.addRow([912770001, 'Nông Văn Bảy', 'hoi-nong-dan', 'paper']);
  sheet.addRow(['0912 770 002', 'Hà Thị Tám', null, 'paper']);
  sheet.addRow(['+84 912 770 001', 'Nông Văn Bảy', 'cuu-chien-binh', 'paper']);
  sheet.addRow(['024 3825 1234', 'UBND huyện', null, 'paper']);
  sheet.addRow(['+1 202 555 0143', 'Người nước ngoài', null, 'paper']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function importScenarios(stack: ConsoleStack): void {
  it('imports an Excel sheet with bad rows: shows the counts and offers the error report', async () => {
    const page = await stack.signedIn('canbo.xa');
    await page.goto('/subscribers');
    await page.getByRole('tab', { name: 'Nhập từ tệp' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'thon-na-pong.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await villageSheet(),
    });
    await page.getByText('Đã nhập xong tệp thon-na-pong.xlsx').waitFor({ timeout: 30_000 });

    const figure = async (title: string) =>
      (await page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content').textContent())?.trim();
    expect(await figure('Thêm mới')).toBe('2');
    expect(await figure('Đã có, gộp thông tin')).toBe('1');
    expect(await figure('Bị từ chối')).toBe('2');
    const stored = await stack.sql.query(`SELECT phone, tags FROM subscriber WHERE phone IN ('+84912770001', '+84912770002') ORDER BY phone`);
    expect(stored.rows.map((r) => r.phone)).toEqual(['+84912770001', '+84912770002']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      // The result panel's button (the history below has one too).
      page.getByRole('button', { name: 'Tải báo cáo lỗi của thon-na-pong.xlsx' }).first().click(),
    ]);
    const report = (await readFile(await download.path())).toString('utf8');
    const lines = report.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('024 3825 1234');
    expect(lines[2]).toContain('+1 202 555 0143');
    await page.context().close();
  });
}
