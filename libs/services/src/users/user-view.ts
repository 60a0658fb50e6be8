import type { UserRecord } from '#persistence/index.js';

/** A user account as the API answers it: no password hash, no internal unit path. */
export type UserView = Omit<UserRecord, 'unitPath'> & { disabled: boolean };

export function toUserView({ unitPath: _unitPath, ...user }: UserRecord): UserView {
  return { ...user, disabled: user.disabledAt !== null };
}
