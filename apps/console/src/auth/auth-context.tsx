import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { session, type Profile } from './session-store';

interface AuthState {
  /** undefined while the session is being restored after a reload. */
  profile: Profile | null | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

async function loadProfile(): Promise<Profile> {
  return (await unwrap(api.GET('/api/v1/auth/me'))) as Profile;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    // After a reload the access token is gone; the refresh cookie brings the session back.
    session
      .refreshNow()
      .then(async (token) => (token ? loadProfile() : null))
      .then((p) => live && setProfile(p))
      .catch(() => live && setProfile(null));
    const off = session.subscribe(() => {
      if (!session.isSignedIn()) setProfile(null);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password, useCookie: true } }));
    session.accept(answer as { accessToken: string; expiresIn: number });
    setProfile(await loadProfile());
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout', { body: { everywhere: true } });
    } finally {
      session.clear();
      queryClient.clear();
      setProfile(null);
    }
  }, [queryClient]);

  const value = useMemo(() => ({ profile, login, logout }), [profile, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useProfile(): Profile {
  const { profile } = useAuth();
  if (!profile) throw new Error('useProfile without a session');
  return profile;
}
