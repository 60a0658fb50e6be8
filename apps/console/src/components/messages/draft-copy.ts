/**
 * A copy of what the officer typed, kept in sessionStorage (this tab only, gone when it closes: a
 * shared office PC keeps nothing) so that a session that expires mid-edit, a reload or a crash
 * loses nothing. Keyed by user and message ("new" for a message not saved yet).
 */
export interface DraftCopy<T> {
  /** The version the typing started from; null for a new message. */
  baseVersion: number | null;
  values: T;
  savedAt: string;
}

const key = (userId: string, messageId: string) => `tincoso:draft:${userId}:${messageId}`;

export function readDraftCopy<T>(userId: string, messageId: string): DraftCopy<T> | null {
  try {
    const text = sessionStorage.getItem(key(userId, messageId));
    return text ? (JSON.parse(text) as DraftCopy<T>) : null;
  } catch {
    return null;
  }
}

export function writeDraftCopy<T>(userId: string, messageId: string, baseVersion: number | null, values: T): void {
  try {
    const copy: DraftCopy<T> = { baseVersion, values, savedAt: new Date().toISOString() };
    sessionStorage.setItem(key(userId, messageId), JSON.stringify(copy));
  } catch {
    // storage full or disabled: the form still holds the input
  }
}

export function clearDraftCopy(userId: string, messageId: string): void {
  try {
    sessionStorage.removeItem(key(userId, messageId));
  } catch {
    // nothing to clear
  }
}
