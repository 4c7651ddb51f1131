/**
 * The portal app: the login screen without a session, otherwise the screen for the current
 * address inside the layout.
 */
import { SessionGate } from '../../shared/mount.tsx';
import { getSession } from './api.ts';
import { Layout } from './components/layout.tsx';
import { useLocation } from './router.ts';
import { screenFor } from './routes.tsx';
import { LoginScreen } from './screens/login.tsx';
import { SessionContext } from './session.ts';

export function App() {
  const { path } = useLocation();
  return (
    <SessionGate getSession={getSession} login={<LoginScreen />}>
      {(session) => (
        <SessionContext.Provider value={session}>
          <Layout>{screenFor(path)}</Layout>
        </SessionContext.Provider>
      )}
    </SessionGate>
  );
}
