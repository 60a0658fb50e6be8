import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConsoleStack, LAPTOP, PHONE } from './console-stack.js';
import { MAIN_SCREENS, openScreen, screenPath, type DemoIds } from './screens.js';
import { prepareShowcase } from './showcase.js';

/**
 * `npm run console:screenshots`: every main screen at 1366×768, and the dashboard and the message
 * editor at phone width, into docs/console/. Not part of `npm test` (it only draws pictures).
 */
const OUT = fileURLToPath(new URL('../../docs/console/', import.meta.url));

describe('console screenshots', () => {
  const stack = new ConsoleStack();
  let ids: DemoIds;

  beforeAll(async () => {
    await stack.start();
    ids = await prepareShowcase(stack);
    mkdirSync(OUT, { recursive: true });
  }, 120_000);

  afterAll(() => stack.stop(), 60_000);

  const shots = [
    ...MAIN_SCREENS.map((s) => ({ screen: s, viewport: LAPTOP, file: `${s.name}.png` })),
    ...MAIN_SCREENS.filter((s) => s.name === 'dashboard' || s.name === 'message-editor').map((s) => ({ screen: s, viewport: PHONE, file: `${s.name}-phone.png` })),
  ];

  it.each(shots.map((s) => [s.file, s] as const))('%s', async (file, { screen, viewport }) => {
    const page = await stack.signedIn(screen.user, viewport);
    await openScreen(page, screenPath(screen, ids));
    await page.screenshot({ path: `${OUT}${file}`, fullPage: viewport === PHONE });
    await page.context().close();
  });
});
