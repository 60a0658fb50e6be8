import { expect } from '@jest/globals';
import type { ConsoleStack } from './console-stack.js';
import { savedMessageId, writeMessage } from './console-actions.js';

export function reviewScenarios(stack: ConsoleStack): void {
  it("shows the supervisor's comment on a returned message, and another commune's officer finds no such message", async () => {
    const officer = await stack.signedIn('canbo.xa');
    const title = `Lịch tiếp công dân tháng ${Date.now()}`;
    await writeMessage(officer, { title, body: 'Chủ tịch UBND xã tiếp công dân vào thứ Năm hằng tuần.', contentGroup: 'Quan hệ Nhà nước – Nhân dân; quyền, nghĩa vụ của cá nhân, tổ chức khi tham gia, giám sát CCHC' });
    await officer.getByRole('button', { name: 'Gửi duyệt' }).click();
    const id = await savedMessageId(officer);
    await officer.getByText('Chờ duyệt', { exact: true }).first().waitFor();

    const supervisor = await stack.signedIn('lanhdao.tinh');
    await supervisor.goto('/inbox');
    await supervisor.getByRole('button', { name: `Trả lại: ${title}` }).click();
    await supervisor.getByLabel('Góp ý cho người soạn (cần sửa gì)').fill('Ghi rõ giờ tiếp và địa điểm (phòng một cửa).');
    await supervisor.getByRole('dialog').getByRole('button', { name: 'Trả lại' }).click();
    await supervisor.getByRole('dialog').waitFor({ state: 'detached' });

    await officer.goto(`/messages/${id}`);
    await expect(await officer.getByTestId('return-comment').textContent()).toBe('Ghi rõ giờ tiếp và địa điểm (phòng một cửa).');
    await expect(await officer.getByText('Bị trả lại', { exact: true }).count()).toBeGreaterThan(0);

    const stranger = await stack.signedIn('canbo.xa.huyen');
    await stranger.goto(`/messages/${id}`);
    await stranger.getByText('không tồn tại', { exact: false }).waitFor();
    await expect(await stranger.getByLabel('Tiêu đề', { exact: true }).count()).toBe(0);
    await expect(await stranger.getByText(title).count()).toBe(0);

    for (const p of [officer, supervisor, stranger]) await p.context().close();
  });
}
