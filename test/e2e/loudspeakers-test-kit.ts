import { wallTimeOf, zonedWallTimeToUtc } from '../../libs/domain/src/index.js';

export const TZ = 'Asia/Ho_Chi_Minh';

/** Local HH:MM of now + minutes, and the UTC instant of that minute (the slot's airing). */
export function slotAt(minutesFromNow: number): { time: string; airsAt: Date } {
  const wall = wallTimeOf(new Date(Date.now() + minutesFromNow * 60_000), TZ);
  const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  return { time, airsAt: zonedWallTimeToUtc({ ...wall, second: 0 }, TZ) };
}

/** A silent 16-bit mono PCM WAV of the given length. */
export function silentWav(seconds: number, sampleRate = 16_000): Buffer {
  const data = Buffer.alloc(seconds * sampleRate * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function plusMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
