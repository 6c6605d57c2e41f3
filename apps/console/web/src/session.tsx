import { createContext } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { ApiClient, roleOf, type Role } from './lib/api-client';
import { ApiError } from './lib/api-error';

export interface Session {
  client: ApiClient;
  role: Role;
  isAdmin: boolean;
  signOut: () => void;
}

const STORAGE = 'xp-console-session';
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
}

/** The key lives in sessionStorage only (gone when the tab closes); the role is asked of the services. */
export function useStoredSession(): [Session | null, (key: string, role: Role) => void] {
  const load = (): { key: string; role: Role } | null => {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE) ?? 'null');
    } catch {
      return null;
    }
  };
  const [stored, setStored] = useState(load);
  const signIn = (key: string, role: Role) => {
    sessionStorage.setItem(STORAGE, JSON.stringify({ key, role }));
    setStored({ key, role });
  };
  // One client per key: pages reload their data when the client changes, not on every render.
  const session = useMemo(() => {
    if (!stored) return null;
    const signOut = () => {
      sessionStorage.removeItem(STORAGE);
      setStored(null);
    };
    return { client: new ApiClient(stored.key), role: stored.role, isAdmin: stored.role === 'admin', signOut };
  }, [stored?.key, stored?.role]);
  return [session, signIn];
}

export function SignIn({ onSignIn }: { onSignIn: (key: string, role: Role) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignIn(key, await roleOf(new ApiClient(key)));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Unknown API key' : err instanceof ApiError && err.status === 403 ? 'This key may not read the console (an sdk key?)' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>xp console</h1>
      <p>Feature flags, experiments and guarded rollouts. Sign in with an API key: a reader key sees everything, an admin key also changes things.</p>
      <form onSubmit={submit}>
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autocomplete="current-password" value={key} onInput={(e) => setKey(e.currentTarget.value)} required aria-describedby={error ? 'sign-in-error' : undefined} />
        <button type="submit" disabled={busy || !key}>Sign in</button>
        {error && <p id="sign-in-error" class="error" role="alert">{error}</p>}
      </form>
    </main>
  );
}
