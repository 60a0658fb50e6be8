import type { Page } from 'playwright-core';

/** Picks an option of an antd Select by its visible text (antd renders its own listbox, not <select>). */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

/** Writes a new message's main fields in the editor. */
export async function writeMessage(page: Page, m: { title: string; body: string; contentGroup: string }): Promise<void> {
  await page.goto('/messages/new');
  await page.getByLabel('Tiêu đề', { exact: true }).fill(m.title);
  await page.getByLabel('Nội dung', { exact: true }).fill(m.body);
  await choose(page, 'Nhóm nội dung', m.contentGroup);
}

/** The id in the editor's URL once the message has been saved. */
export async function savedMessageId(page: Page): Promise<string> {
  await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() as string;
}
