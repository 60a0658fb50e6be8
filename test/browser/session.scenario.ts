import { expect } from '@jest/globals';
import { signIn, type ConsoleStack } from './console-stack.js';

export function sessionScenarios(stack: ConsoleStack): void {
  it('keeps the refresh token out of reach of scripts, in an HttpOnly cookie for the refresh path only', async () => {
    const context = await stack.context();
    const page = await context.newPage();
    await signIn(page, 'canbo.xa');
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'tincoso_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/refresh' });
    expect(await page.evaluate('document.cookie')).not.toContain('tincoso_refresh');
    expect(await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })')).not.toMatch(/eyJ/);
    await context.close();
  });

  it('stays signed in after a reload, and signing out ends the session', async () => {
    const context = await stack.context();
    const page = await context.newPage();
    await signIn(page, 'canbo.xa');
    await page.reload();
    await page.getByRole('button', { name: 'Tài khoản' }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/login');

    await page.getByRole('button', { name: 'Tài khoản' }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/login');
    await page.goto('/messages');
    await page.waitForURL('**/login');
    const refresh = (await context.cookies()).find((c) => c.name === 'tincoso_refresh');
    expect(refresh?.value ?? '').toBe('');
    await context.close();
  });

  it('says so when the password is wrong, and when an account is throttled', async () => {
    const context = await stack.context();
    const page = await context.newPage();
    await page.goto('/login');
    // A name nobody has, so the lock does not get in the way of the other scenarios.
    await page.getByLabel('Tên đăng nhập').fill('khong.ai.ca');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(await page.getByRole('alert').textContent()).toMatch(/không đúng/);
    const signIn = page.getByRole('button', { name: 'Đăng nhập' });
    for (let i = 0; i < 6; i++) {
      // The button ignores clicks while it shows the previous attempt as loading: on a loaded machine the
      // answer can arrive before React has cleared that state, and a click then would send nothing.
      await page.locator('button[type="submit"].ant-btn-loading').waitFor({ state: 'detached' });
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), signIn.click()]);
    }
    await expect(await page.getByRole('alert').textContent()).toMatch(/phút/);
    await context.close();
  });
}
