import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { ConsoleStack } from './console-stack.js';
import { prepareShowcase } from './showcase.js';
import { MAIN_SCREENS, openScreen, screenPath, type DemoIds } from './screens.js';

export function accessibilityScenarios(stack: ConsoleStack): void {
  let ids: DemoIds;
  beforeAll(async () => {
    ids = await prepareShowcase(stack);
  });

  it.each(MAIN_SCREENS.map((s) => [s.name, s] as const))('%s has no serious or critical axe violation', async (_name, screen) => {
    const page = await stack.signedIn(screen.user);
    await openScreen(page, screenPath(screen, ids));
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(bad).toEqual([]);
    await page.context().close();
  });

  it('the sign-in page has no serious or critical axe violation', async () => {
    const page = await (await stack.context()).newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').waitFor();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.context().close();
  });
}
