import { wallTimeOf, zonedWallTimeToUtc } from '#domain/index.js';

export const TZ = 'Asia/Ho_Chi_Minh';

/** Local HH:MM of now + minutes, and the UTC instant of that minute (the slot's airing). */
export function slotAt(minutesFromNow: number): { time: string; airsAt: Date } {
  const wall = wallTimeOf(new Date(Date.now() + minutesFromNow * 60_000), TZ);
  const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  return { time, airsAt: zonedWallTimeToUtc({ ...wall, second: 0 }, TZ) };
}

export function plusMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
