/** A device (station or board) is online while its last heartbeat is recent enough. */
export function isOnline(lastSeenAt: Date | null, now: Date, offlineAfterSeconds: number): boolean {
  return lastSeenAt !== null && now.getTime() - lastSeenAt.getTime() <= offlineAfterSeconds * 1000;
}
