import { DEMO_PASSWORD, type ConsoleStack } from './console-stack.js';
import type { DemoIds } from './screens.js';

interface Created {
  id: string;
}

/**
 * What a commune has after a week of use, on top of the demo seed: a loudspeaker cluster with its
 * morning and evening slots, a board, and an approved message scheduled to SMS and the board
 * tomorrow at 08:00; the province's plan the seed issued; and a flood warning the province's leader sent
 * to the commune. Screens and scans then show real content
 * rather than empty states.
 */
export async function prepareShowcase(stack: ConsoleStack): Promise<DemoIds> {
  const token = await stack.token('canbo.xa');
  const me = await stack.apiCall<{ unitId: string }>(token, 'GET', '/auth/me');
  const { station } = await stack.apiCall<{ station: Created }>(token, 'POST', '/loudspeakers/stations', {
    name: 'Cụm loa trung tâm xã',
    kind: 'ip-cluster',
    vendor: 'Hanet',
  });
  for (const [label, startTime, endTime] of [
    ['Bản tin sáng', '06:00', '06:30'],
    ['Bản tin chiều', '17:00', '17:30'],
  ]) {
    await stack.apiCall(token, 'POST', '/loudspeakers/slots', { stationId: station.id, label, daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime, endTime });
  }
  await stack.apiCall(token, 'POST', '/boards', { name: 'Bảng tin UBND xã' });
  const [approved] = (
    await stack.sql.query(
      `SELECT m.id FROM message m WHERE m.unit_id = $1 AND m.status = 'approved' ORDER BY m.created_at LIMIT 1`,
      [me.unitId],
    )
  ).rows;
  const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  const broadcast = await stack.apiCall<Created>(token, 'POST', '/broadcasts', {
    messageId: approved.id,
    channels: ['sms', 'board'],
    targets: { unitIds: [me.unitId] },
    schedule: { kind: 'once', at: `${tomorrow}T08:00:00+07:00` },
  });
  const [plan] = (
    await stack.sql.query(`SELECT p.id FROM communication_plan p JOIN app_user a ON a.unit_id = p.unit_id WHERE a.username = 'lanhdao.tinh' ORDER BY p.created_at LIMIT 1`)
  ).rows;
  if (!plan) throw new Error('the demo seed issued no plan for the province');
  const emergency = await stack.apiCall<Created>(await stack.token('lanhdao.tinh'), 'POST', '/emergencies', {
    title: 'Cảnh báo lũ quét',
    text: 'Mưa lớn kéo dài, nguy cơ lũ quét tại các thôn ven suối. Người dân di chuyển ngay lên nhà văn hóa xã, không qua ngầm tràn.',
    unitIds: [me.unitId],
    password: DEMO_PASSWORD,
  });
  return { messageId: approved.id, broadcastId: broadcast.id, stationId: station.id, planId: plan.id, emergencyId: emergency.id };
}
