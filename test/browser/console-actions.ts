import type { Page } from 'playwright-core';

/** Picks an option of an antd Select by its visible text (antd renders its own listbox, not <select>). */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  // The list takes no click while it is still sliding open (its class then ends in -appear): on a loaded
  // machine such a click was lost, the list stayed open and the form empty (seen in CI).
  const opened = page.locator('.ant-select-dropdown:visible:not([class*="-appear"])');
  await opened.getByTitle(option, { exact: true }).click();
  // A single select closes once it has taken the option: the form holds the value before the next step.
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
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
