/**
 * The signed-in session outside React: the access token lives only in memory; the refresh token is an
 * HttpOnly cookie the browser sends to /api/v1/auth/refresh alone. A refresh runs shortly before the
 * access token expires, and once after a reload.
 */
export interface Profile {
  id: string;
  username: string;
  displayName: string;
  role: 'officer' | 'supervisor' | 'admin';
  unitId: string;
  unitName: string;
  timeZone?: string;
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

type Listener = () => void;

const REFRESH_MARGIN_SECONDS = 60;

/**
 * index.html starts the first refresh before the console's code has arrived (on Fast 3G that code
 * takes seconds); the first refresh takes that answer instead of asking again.
 */
function takeEarlyRefresh(): Promise<Response> | undefined {
  const w = window as { __tincosoRefresh?: Promise<Response> };
  const early = w.__tincosoRefresh;
  delete w.__tincosoRefresh;
  return early;
}

class SessionStore {
  private token: string | null = null;
  private expiresAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<string | null> | null = null;
  private listeners = new Set<Listener>();
  private signedIn = false;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isSignedIn(): boolean {
    return this.signedIn;
  }

  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (this.token && Date.now() < this.expiresAt - 5_000) return this.token;
    if (!this.signedIn) return null;
    return this.refreshNow();
  }

  accept(answer: TokenAnswer): void {
    this.token = answer.accessToken;
    this.expiresAt = Date.now() + answer.expiresIn * 1000;
    this.signedIn = true;
    clearTimeout(this.timer);
    const delay = Math.max(5, answer.expiresIn - REFRESH_MARGIN_SECONDS) * 1000;
    this.timer = setTimeout(() => void this.refreshNow(), delay);
    this.emit();
  }

  /** Trades the refresh cookie for a new access token; one request at a time however many callers ask. */
  refreshNow(): Promise<string | null> {
    this.inflight ??= (async () => {
      try {
        const res = await (takeEarlyRefresh() ??
          fetch('/api/v1/auth/refresh', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          }));
        if (!res.ok) {
          if (res.status === 401 || res.status === 400) this.clear();
          return null;
        }
        this.accept((await res.json()) as TokenAnswer);
        return this.token;
      } catch {
        return null; // offline: keep the session, the next request tries again
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  clear(): void {
    const was = this.signedIn;
    this.token = null;
    this.expiresAt = 0;
    this.signedIn = false;
    clearTimeout(this.timer);
    if (was) this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export const session = new SessionStore();
