/**
 * Portal users' sessions: the same mechanism as operators' (SessionKeeper: a hashed token in
 * an HttpOnly, SameSite=Strict cookie, 30 idle minutes, 8 hours at most, a CSRF token), kept
 * apart in their own store and cookie, so an operator's session never opens the portal nor a
 * portal user's the console.
 */
import type { Clock } from '@knooppunt/standard';
import { SessionKeeper } from '../operators/sessions.ts';
import type { PortalUserStore } from './store.ts';
import type { PortalSession, PortalUserView } from './types.ts';

/** Portal users' sessions. */
export class PortalSessions extends SessionKeeper<PortalSession> {
  constructor(deps: { readonly store: PortalUserStore; readonly clock: Clock }) {
    const { store, clock } = deps;
    super({
      clock,
      store: {
        put: (session) => store.putPortalSession(session),
        get: (id) => store.getPortalSession(id),
        delete: (id) => store.deletePortalSession(id),
      },
    });
  }

  /** Starts a session for a user who passed password and TOTP. */
  begin(user: PortalUserView): Promise<{ token: string; session: PortalSession }> {
    return this.start({ user: user.name, participant: user.participant, role: user.role });
  }
}
