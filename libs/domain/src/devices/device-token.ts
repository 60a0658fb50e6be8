import { createHash, randomBytes } from 'node:crypto';

/**
 * Device tokens (loudspeaker stations, bulletin boards): shown once, stored as a SHA-256 hash,
 * rotated by issuing a new one. The prefix names the kind so a leaked token is recognisable.
 */
export type DeviceKind = 'station' | 'board';

const PREFIX: Record<DeviceKind, string> = { station: 'tcs_st_', board: 'tcs_bd_' };

export function issueDeviceToken(kind: DeviceKind): { token: string; hash: string } {
  const token = `${PREFIX[kind]}${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashDeviceToken(token) };
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function deviceTokenKind(token: string): DeviceKind | null {
  if (token.startsWith(PREFIX.station)) return 'station';
  if (token.startsWith(PREFIX.board)) return 'board';
  return null;
}
