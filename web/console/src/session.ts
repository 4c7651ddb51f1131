/**
 * The logged-in operator, shared with every screen: who they are, whether they may act
 * (admin) or only look (viewer), and the CSRF token their changes must carry.
 */
import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
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

/** The react-query key of the session. */
export const SESSION_KEY = ['session'] as const;

/**
 * Forget the session and everything read with it: the console shows the login screen again.
 * Used after logging out and when the hub answers 401 (SESSION_INVALID).
 */
export function endSession(client: QueryClient): void {
  client.setQueryData(SESSION_KEY, null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}
