import type { Page } from 'playwright-core';

/** Picks an option of an antd Select by its visible text (antd renders its own listbox, not <select>). */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.getByTitle(option, { exact: true }).click();
  // A single select closes once it has taken the option: the form holds the value before the next step
  // (on a loaded machine a click that landed while the list was still opening would leave it empty).
  await dropdown.waitFor({ state: 'hidden' });
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
