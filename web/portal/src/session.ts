/**
 * The logged-in portal user, shared with every screen: who they are, for which participant,
 * and the CSRF token their changes must carry; and the query keys the screens share.
 */
import { createContext, useContext } from 'react';
import type { PortalSession } from './api_types.ts';

export const SessionContext = createContext<PortalSession | null>(null);

/** The session of the logged-in user; only used below the login gate. */
export function useSession(): PortalSession {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a logged-in portal');
  return session;
}

/** The react-query keys (the session's is shared: SESSION_KEY, endSession in web/shared/mount.tsx). */
export { endSession, SESSION_KEY } from '../../shared/mount.tsx';
export const OVERVIEW_KEY = ['overview'] as const;
export const INBOX_KEY = ['inbox'] as const;
export const SCHEMAS_KEY = ['schemas'] as const;
