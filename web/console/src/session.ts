/**
 * The logged-in operator, shared with every screen: who they are, whether they may act
 * (admin) or only look (viewer), and the CSRF token their changes must carry.
 */
import { createContext, useContext } from 'react';
import type { SessionView } from './api_types.ts';

export const SessionContext = createContext<SessionView | null>(null);

/** The session of the logged-in operator; only used below the login gate. */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a logged-in console');
  return session;
}

/** True when the operator may change things (suspend, replay, onboard…). */
export function useIsAdmin(): boolean {
  return useSession().role === 'admin';
}

/** The session's react-query key, and forgetting the session (shared with the portal). */
export { endSession, SESSION_KEY } from '../../shared/mount.tsx';
